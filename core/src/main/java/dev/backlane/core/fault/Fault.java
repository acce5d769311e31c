package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One injected failure: its ID ({@code fault-} and 17 hex digits), kind, scope and parameters, active from
 * {@code startTime} (inclusive) until {@code endTime} (exclusive). Faults are always time-boxed, so a forgotten one
 * ends by itself.
 */
public record Fault(String id, FaultKind kind, FaultScope scope, FaultParameters parameters, Instant startTime, Instant endTime) {
    /** The prefix of fault IDs. */
    public static final String ID_PREFIX = "fault";

    public Fault {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(parameters, "parameters is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(endTime, "endTime is null");
        if (!endTime.isAfter(startTime)) {
            throw new IllegalArgumentException("endTime " + endTime + " is not after startTime " + startTime);
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(startTime) && at.isBefore(endTime);
    }

    public boolean endedAt(Instant at) {
        return !at.isBefore(endTime);
    }

    /**
     * Whether the fault answers the calls it covers with an error instead of letting them through: F7 when it throttles
     * (one asked only to add latency does not), and the API error kinds always.
     */
    public boolean answersCalls() {
        return kind.answersCalls() && (kind != FaultKind.F7_THROTTLING || parameters.throttles());
    }

    /** How the fault is named in explanations: {@code fault-0123... (F2)}. */
    public String describe() {
        return id + " (" + kind.label() + ")";
    }
}
