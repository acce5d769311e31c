package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A workload's connection through an interface endpoint that never reached a target: the path engine's blocking
 * explanation code (a security group, the endpoint's state, no healthy target in the zone...), and whether the
 * service's side reset it ({@code true}: no process listens behind the target, so its RST comes back, counted in the
 * endpoint's RstPacketsReceived) or the connection was dropped on the way ({@code false}: PacketsDropped, whether the
 * gateway then shows the consumer a timeout, a reset or an error, per its {@code --blocked-traffic}). Counts as a
 * REJECT flow-log record.
 */
public record PrivateLinkConnectionRefusedEvent(PrivateLinkFlow flow, Instant at, String explanationCode, boolean reset) implements Event {
    public PrivateLinkConnectionRefusedEvent {
        requireNonNull(flow, "flow is null");
        requireNonNull(at, "at is null");
        requireNonNull(explanationCode, "explanationCode is null");
    }
}
