package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmTransition;
import dev.backlane.core.alarm.MetricAlarm;
import java.time.Instant;

/**
 * A CloudWatch alarm's state changed at {@code at}, by its evaluation or by SetAlarmState: {@code alarm} is the alarm
 * as it is now (its new state, reason and reason data in {@link MetricAlarm#status()}), {@code previous} the state it
 * left. Published only when the state's value changes, so subscribers (FIS stop conditions, alerts, the console) see
 * one event per transition.
 */
public record AlarmStateChangedEvent(MetricAlarm alarm, AlarmState previous, Instant at) implements Event {
    public AlarmStateChangedEvent {
        requireNonNull(alarm, "alarm is null");
        requireNonNull(previous, "previous is null");
        requireNonNull(at, "at is null");
    }

    public static AlarmStateChangedEvent of(AlarmTransition transition) {
        return new AlarmStateChangedEvent(transition.alarm(), transition.previous(), transition.at());
    }

    /** The state the alarm is in now. */
    public AlarmState current() {
        return alarm.status().value();
    }
}
