package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.event.PrivateLinkFlow;
import java.net.InetSocketAddress;
import java.util.Optional;

/** What a gateway does with one tunnel request (HTTP CONNECT, SOCKS5 CONNECT), as its {@link GatewayDecider} judged it. */
public sealed interface TunnelDecision {
    /**
     * Connect to {@code target} (the host socket of the chosen load balancer target), send {@code preamble} first (a
     * Proxy Protocol v2 header, or nothing), and splice the two connections byte for byte.
     */
    record Tunnel(InetSocketAddress target, byte[] preamble, PrivateLinkFlow flow, PathResult path) implements TunnelDecision {
        public Tunnel {
            requireNonNull(target, "target is null");
            requireNonNull(preamble, "preamble is null");
            requireNonNull(flow, "flow is null");
            requireNonNull(path, "path is null");
        }
    }

    /**
     * The path engine found no way: the gateway treats the connection's SYN as dropped, per its {@link BlockedTraffic}
     * mode. The flow is known when the host is an interface endpoint of an endpoint service.
     */
    record Block(Optional<PrivateLinkFlow> flow, PathResult path) implements TunnelDecision {
        public Block {
            requireNonNull(flow, "flow is null");
            requireNonNull(path, "path is null");
        }
    }

    /** The tunnel cannot be opened for a reason the client is told at once, in its protocol's terms. */
    record Refuse(Refusal refusal, String message, Optional<PrivateLinkFlow> flow, Optional<PathResult> path) implements TunnelDecision {
        public Refuse {
            requireNonNull(refusal, "refusal is null");
            requireNonNull(message, "message is null");
            requireNonNull(flow, "flow is null");
            requireNonNull(path, "path is null");
        }
    }

    /** Why a tunnel is refused. */
    enum Refusal {
        /** The name does not resolve in the workload's VPC (SOCKS 0x04, HTTP 502). */
        HOST_UNREACHABLE,
        /** Nothing listens behind the target: on AWS its host answers the SYN with a reset (SOCKS 0x05, HTTP 502). */
        CONNECTION_REFUSED,
        /** The destination is reachable, but not a place the gateway's tunnels carry traffic to (SOCKS 0x02, HTTP 501). */
        NOT_SUPPORTED
    }
}
