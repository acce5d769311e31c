package dev.backlane.dataplane.gateway;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The target of an HTTP CONNECT, in authority form ({@code host:port}, RFC 9110 section 9.3.6): a DNS name or an
 * IPv4 address, and a port of 1-65535. IPv6 literals are not taken: Backlane's VPCs are IPv4.
 */
final class ConnectAuthority {
    /** A DNS name's labels (letters, digits, hyphens, underscores as some service names have) or a dotted IPv4 address. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final int MAX_HOST_LENGTH = 253;

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
        if (host.length() > MAX_HOST_LENGTH || !HOST.matcher(host).matches() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new TunnelRequest(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, port, sourcePort));
    }
}
