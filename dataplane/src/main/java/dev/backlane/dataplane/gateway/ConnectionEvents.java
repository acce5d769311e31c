package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayConnectionOpenedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import dev.backlane.core.traffic.RequestFacts;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The events of one client connection: its opening, one {@link GatewayRequestEvent} per request it carried, and
 * its close. A request's bytes are the wire bytes from the end of the previous request to the end of this one,
 * so the requests' bytes add up to the connection's. Events are built only when someone listens.
 */
final class ConnectionEvents {
    private final String workloadId;
    private final EventStream events;
    private final InstantSource clock;
    private final TrafficCounter traffic;
    private String clientAddress = "";
    private int clientPort;
    private int gatewayPort;
    private Instant openedAt;
    private int requests;
    private boolean closed;

    private boolean requestOpen;
    private String method;
    private Instant start;
    private long startNanos;
    private long bytesInAtStart;
    private long bytesOutAtStart;

    ConnectionEvents(String workloadId, EventStream events, InstantSource clock, TrafficCounter traffic) {
        this.workloadId = requireNonNull(workloadId, "workloadId is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.traffic = requireNonNull(traffic, "traffic is null");
    }

    void opened(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            clientAddress = remote.getAddress().getHostAddress();
            clientPort = remote.getPort();
        }
        gatewayPort = ((InetSocketAddress) channel.localAddress()).getPort();
        openedAt = clock.instant();
        if (events.wants(GatewayConnectionOpenedEvent.class)) {
            events.publish(new GatewayConnectionOpenedEvent(workloadId, clientAddress, clientPort, gatewayPort, openedAt));
        }
    }

    /** Between requests: the next one's bytes count from here. */
    void awaitingRequest() {
        if (requests == 0) {
            // The first request counts from the connection's first byte, which the protocol detector has already read.
            return;
        }
        bytesInAtStart = traffic.bytesIn();
        bytesOutAtStart = traffic.bytesOut();
    }

    /** A request began (its head arrived, or began to and never finished: method empty). */
    void requestBegan(String requestMethod) {
        requests++;
        requestOpen = true;
        method = requestMethod;
        start = clock.instant();
        startNanos = System.nanoTime();
    }

    /** The gateway is done with the request (the answer's AWS error code, when it names one); once per request, later calls do nothing. */
    void requestEnded(Outcome outcome, Optional<RequestFacts> facts, Optional<PathResult> path, int status, Optional<String> errorCode) {
        if (!requestOpen) {
            return;
        }
        requestOpen = false;
        if (events.wants(GatewayRequestEvent.class)) {
            events.publish(new GatewayRequestEvent(workloadId, clientAddress, clientPort, method, facts, path.map(PathResult::verdict),
                    path.flatMap(PathResult::via), path.flatMap(GatewayResponses::blockingCode), outcome, status, traffic.bytesIn() - bytesInAtStart,
                    traffic.bytesOut() - bytesOutAtStart, start, System.nanoTime() - startNanos,
                    path.flatMap(PathResult::destination), errorCode, path.flatMap(PathResult::endpoint)));
        }
    }

    /** The connection closed; once, later calls do nothing (a tunnel and the handshake handler before it may both say so). */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        if (events.wants(GatewayConnectionClosedEvent.class)) {
            events.publish(new GatewayConnectionClosedEvent(workloadId, clientAddress, clientPort, gatewayPort, openedAt, clock.instant(),
                    traffic.bytesIn(), traffic.bytesOut(), requests));
        }
    }
}
