package dev.backlane.dataplane.gateway;

import java.util.Optional;

/**
 * The target of an HTTP CONNECT, in authority form ({@code host:port}, RFC 9110 section 9.3.6): a DNS name or an
 * IPv4 address, and a port of 1-65535. IPv6 literals are not taken: Backlane's VPCs are IPv4.
 */
final class ConnectAuthority {
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private ConnectAuthority() {
    }

    /** The tunnel request of a CONNECT's target, from the client's {@code sourcePort}; empty when it is no {@code host:port}. */
    static Optional<TunnelRequest> parse(String authority, int sourcePort) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || colon == authority.length() - 1) {
            return Optional.empty();
        }
        String host = authority.substring(0, colon);
        String portText = authority.substring(colon + 1);
        if (host.length() > MAX_HOST_LENGTH || !isHost(host) || portText.isEmpty() || portText.length() > 5 || !isDigits(portText)) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new TunnelRequest(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, port, sourcePort));
    }

    /**
     * A DNS name's labels (letters, digits, hyphens, underscores as some service names have; none empty, none starting
     * with a hyphen, at most 63 characters each; a final dot allowed) or a dotted IPv4 address. Checked by hand rather
     * than by a regular expression: every CONNECT through the gateway asks.
     */
    static boolean isHost(String host) {
        int label = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (isLetterDigitOrUnderscore(c) || (c == '-' && label > 0)) {
                if (++label > MAX_LABEL_LENGTH) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return !host.isEmpty();
    }

    private static boolean isLetterDigitOrUnderscore(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
