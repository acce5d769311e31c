package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An alarm's state value changed at {@code at}, by its evaluation or by SetAlarmState: {@code alarm} as it is now,
 * {@code previous} the state it left. The server publishes each as an {@code AlarmStateChangedEvent}.
 */
public record AlarmTransition(MetricAlarm alarm, AlarmState previous, Instant at) {
    public AlarmTransition {
        requireNonNull(alarm, "alarm is null");
        requireNonNull(previous, "previous is null");
        requireNonNull(at, "at is null");
    }

    public AlarmState current() {
        return alarm.status().value();
    }
}
