package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

/**
 * A workload asks its gateway for a TCP connection (an HTTP CONNECT or a SOCKS5 CONNECT): to {@code host} (a name or
 * an IPv4 address) and {@code port}, from {@code sourcePort}, the workload's own port of the connection to the gateway,
 * which stands for the connection's source port in the VPC.
 */
public record TunnelRequest(String host, int port, int sourcePort) {
    public TunnelRequest {
        requireNonNull(host, "host is null");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
    }

    /** {@code host:port}, as a CONNECT names it. */
    public String authority() {
        return host + ":" + port;
    }
}
