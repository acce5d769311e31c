package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A workload's connection through an interface endpoint reached the endpoint service's target and was accepted. */
public record PrivateLinkConnectionOpenedEvent(PrivateLinkFlow flow, Instant openedAt) implements Event {
    public PrivateLinkConnectionOpenedEvent {
        requireNonNull(flow, "flow is null");
        requireNonNull(openedAt, "openedAt is null");
    }
}
