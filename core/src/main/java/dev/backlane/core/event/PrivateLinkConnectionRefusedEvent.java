package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A workload's connection through an interface endpoint that never reached a target: the path engine's blocking
 * explanation code (a security group, the endpoint's state, no healthy target in the zone...), and whether the
 * consumer saw a reset ({@code true}) or its SYN was dropped (a timeout). Counts as PacketsDropped and as a REJECT
 * flow-log record.
 */
public record PrivateLinkConnectionRefusedEvent(PrivateLinkFlow flow, Instant at, String explanationCode, boolean reset) implements Event {
    public PrivateLinkConnectionRefusedEvent {
        requireNonNull(flow, "flow is null");
        requireNonNull(at, "at is null");
        requireNonNull(explanationCode, "explanationCode is null");
    }
}
