package dev.backlane.dataplane.gateway;

import dev.backlane.core.fault.Fault;
import dev.backlane.core.traffic.HttpRequestHead;
import java.util.List;
import java.util.Optional;

/**
 * Judges the requests arriving at one workload's gateway. The gateway stays a thin layer: it reads a request's
 * head (and, when {@link #needsBody} says so, a small body), asks here, and does what it is told. Both methods
 * run on an I/O thread and must not block. Tunnels (HTTP CONNECT, SOCKS5) are judged by {@link #decideTunnel}.
 */
public interface GatewayDecider {
    /**
     * Whether the decision needs the body (a Query protocol form, a JSON body naming the resource); the gateway
     * then reads it, up to its limit, before deciding. S3's and other REST bodies are never needed: they stream.
     */
    boolean needsBody(HttpRequestHead head);

    GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body);

    /**
     * Judges a TCP tunnel the workload asks for (HTTP CONNECT, SOCKS5 CONNECT). A decider that judges AWS calls only
     * carries no tunnels.
     */
    default TunnelDecision decideTunnel(TunnelRequest request) {
        return new TunnelDecision.Refuse(TunnelDecision.Refusal.NOT_SUPPORTED, "this gateway carries no TCP tunnels", Optional.empty(),
                Optional.empty());
    }

    /**
     * The active faults acting on the bytes of a connection carrying this traffic (toxics, F7's added latency, F6), in
     * the order made; none by default. Asked at every request and tunnel judged, so it must cost next to nothing when
     * no such fault is active.
     */
    default List<Fault> connectionFaults(ConnectionTraffic traffic) {
        return List.of();
    }
}
