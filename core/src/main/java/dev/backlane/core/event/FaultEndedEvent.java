package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.fault.Fault;
import java.time.Instant;

/** A fault stopped acting at {@code at}: its time box ran out, or it was removed before ({@link Reason}). */
public record FaultEndedEvent(Fault fault, Instant at, Reason reason) implements Event {
    /** Why the fault ended. */
    public enum Reason {
        /** Its end time came. */
        EXPIRED,
        /** It was removed while active. A fault removed before it started ends without an event, as it never started. */
        REMOVED
    }

    public FaultEndedEvent {
        requireNonNull(fault, "fault is null");
        requireNonNull(at, "at is null");
        requireNonNull(reason, "reason is null");
    }
}
