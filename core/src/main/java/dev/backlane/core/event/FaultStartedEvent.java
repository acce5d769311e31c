package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.fault.Fault;
import java.time.Instant;

/** A fault became active at {@code at}: from now on the data plane, DNS and the path engine act on it. */
public record FaultStartedEvent(Fault fault, Instant at) implements Event {
    public FaultStartedEvent {
        requireNonNull(fault, "fault is null");
        requireNonNull(at, "at is null");
    }
}
