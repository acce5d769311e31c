package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EventStream;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How every workload's gateway behaves: what a BLOCKED call gets, the limits that keep a hostile or broken client
 * from holding memory or a connection for long, where events go and the clock that stamps them.
 *
 * @param blockedTraffic what a call the path engine finds BLOCKED gets
 * @param maxInitialLineLength longest request line read (method, target, version); longer is answered 414
 * @param maxHeaderSize most bytes of header lines read; more is answered 431
 * @param maxDecisionBody largest body read into memory when the decider needs it (Query, JSON protocols); larger is
 *        answered 413. Also the most the gateway reads and discards of a body it answered without forwarding.
 * @param requestHeadTimeout time a client has to complete a request's head once it has begun it; then 408
 * @param idleTimeout time a keep-alive connection may sit between requests, a body may make no progress, or a
 *        client may leave the answer unread, before the gateway closes it
 * @param upstreamConnectTimeout time to connect to an upstream; then 502
 * @param upstreamIdleTimeout time an upstream connection in use may pass no byte either way; then 504 (or the
 *        answer is cut off if it had begun)
 * @param stallLimit how long a STALLed connection is held at most (AWS's idle timeout for a flow is 350 s), then reset
 * @param maxConnections open client connections one gateway keeps at most; more are closed at once
 * @param ioThreads event-loop threads shared by all gateways
 */
public record GatewayConfig(BlockedTraffic blockedTraffic, int maxInitialLineLength, int maxHeaderSize, int maxDecisionBody,
        Duration requestHeadTimeout, Duration idleTimeout, Duration upstreamConnectTimeout, Duration upstreamIdleTimeout, Duration stallLimit,
        int maxConnections, int ioThreads, EventStream events, InstantSource clock) {
    public static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 32 * 1024;
    public static final int DEFAULT_MAX_DECISION_BODY = 4 * 1024 * 1024;
    public static final Duration AWS_FLOW_IDLE_TIMEOUT = Duration.ofSeconds(350);

    public GatewayConfig {
        requireNonNull(blockedTraffic, "blockedTraffic is null");
        positive(maxInitialLineLength, "maxInitialLineLength");
        positive(maxHeaderSize, "maxHeaderSize");
        positive(maxDecisionBody, "maxDecisionBody");
        positive(requestHeadTimeout, "requestHeadTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(upstreamConnectTimeout, "upstreamConnectTimeout");
        positive(upstreamIdleTimeout, "upstreamIdleTimeout");
        positive(stallLimit, "stallLimit");
        positive(maxConnections, "maxConnections");
        positive(ioThreads, "ioThreads");
        requireNonNull(events, "events is null");
        requireNonNull(clock, "clock is null");
    }

    /**
     * The defaults: BLOCKED calls stall (as on AWS), 16 KiB request line, 32 KiB of headers, 4 MiB decision bodies,
     * 20 s to finish a head, 60 s idle, 10 s to connect upstream, 120 s upstream silence, 350 s stall, 1,024
     * connections per gateway, two event-loop threads.
     */
    public static GatewayConfig defaults(EventStream events, InstantSource clock) {
        return new GatewayConfig(BlockedTraffic.STALL, DEFAULT_MAX_INITIAL_LINE_LENGTH, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_DECISION_BODY,
                Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(120), AWS_FLOW_IDLE_TIMEOUT, 1024,
                Math.min(2, Runtime.getRuntime().availableProcessors()), events, clock);
    }

    public GatewayConfig withBlockedTraffic(BlockedTraffic mode) {
        return new GatewayConfig(mode, maxInitialLineLength, maxHeaderSize, maxDecisionBody, requestHeadTimeout, idleTimeout, upstreamConnectTimeout,
                upstreamIdleTimeout, stallLimit, maxConnections, ioThreads, events, clock);
    }

    public GatewayConfig withTimeouts(Duration requestHead, Duration idle, Duration upstreamIdle, Duration stall) {
        return new GatewayConfig(blockedTraffic, maxInitialLineLength, maxHeaderSize, maxDecisionBody, requestHead, idle, upstreamConnectTimeout,
                upstreamIdle, stall, maxConnections, ioThreads, events, clock);
    }

    public GatewayConfig withMaxConnections(int connections) {
        return withLimits(maxInitialLineLength, maxHeaderSize, maxDecisionBody, connections);
    }

    public GatewayConfig withLimits(int initialLineLength, int headerSize, int decisionBody, int connections) {
        return new GatewayConfig(blockedTraffic, initialLineLength, headerSize, decisionBody, requestHeadTimeout, idleTimeout, upstreamConnectTimeout,
                upstreamIdleTimeout, stallLimit, connections, ioThreads, events, clock);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    private static void positive(Duration value, String name) {
        if (requireNonNull(value, name + " is null").isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
