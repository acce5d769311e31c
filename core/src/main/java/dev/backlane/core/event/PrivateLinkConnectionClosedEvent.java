package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A connection of {@link PrivateLinkConnectionOpenedEvent} ended: the bytes the consumer sent ({@code bytesFromConsumer})
 * and received ({@code bytesToConsumer}) on the wire, payload only, and why it ended.
 */
public record PrivateLinkConnectionClosedEvent(PrivateLinkFlow flow, Instant openedAt, Instant closedAt, long bytesFromConsumer, long bytesToConsumer,
        Cause cause) implements Event {

    /** Why the connection ended. */
    public enum Cause {
        /** The consumer closed its side (FIN), the target too. */
        CONSUMER_CLOSED,
        /** The target closed its side first. */
        TARGET_CLOSED,
        /** The target reset the connection (RstPacketsSent on the service side, RstPacketsReceived on the endpoint side). */
        TARGET_RESET,
        /** The consumer reset or abandoned it. */
        CONSUMER_RESET,
        /** No byte either way for the load balancer's idle timeout (350 seconds for PrivateLink). */
        IDLE_TIMEOUT,
        /** The target was deregistered and its deregistration delay ran out. */
        DEREGISTERED,
        /**
         * The target failed its health checks: reset as it turned unhealthy, or when its unhealthy draining interval
         * ended ({@code target_health_state.unhealthy.*} of its target group).
         */
        TARGET_UNHEALTHY,
        /** A fault injected on purpose reset or cut it (an F3 zone outage, an F2 security-group drop, while open). */
        FAULT,
        /** The service owner rejected the endpoint's connection while it was open. */
        ENDPOINT_REJECTED,
        /** The endpoint was deleted (its network interfaces with it), or is no longer available, while it was open. */
        ENDPOINT_DELETED,
        /** A network ACL now denies it: ACLs are stateless, so a rule added or removed breaks open connections. */
        NETWORK_ACL
    }

    public PrivateLinkConnectionClosedEvent {
        requireNonNull(flow, "flow is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(closedAt, "closedAt is null");
        requireNonNull(cause, "cause is null");
    }
}
