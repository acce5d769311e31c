package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An alarm's state as DescribeAlarms shows it: the value, the reason in AWS's words and its machine-readable data
 * (JSON), when the state was last updated and when its value last changed.
 */
public record AlarmStatus(AlarmState value, String reason, Optional<String> reasonData, Instant updatedAt, Instant transitionedAt) {
    public AlarmStatus {
        requireNonNull(value, "value is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(reasonData, "reasonData is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(transitionedAt, "transitionedAt is null");
    }

    /** A new alarm's: INSUFFICIENT_DATA until its first evaluation, as on AWS. */
    static AlarmStatus initial(Instant now) {
        return new AlarmStatus(AlarmState.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", Optional.empty(), now, now);
    }

    /** This status moved to {@code value} at {@code now}; the transition time moves only when the value changes. */
    AlarmStatus next(AlarmState next, String nextReason, Optional<String> nextReasonData, Instant now) {
        return new AlarmStatus(next, nextReason, nextReasonData, now, next == value ? transitionedAt : now);
    }
}
