package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.server.store.PeriodicTask;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the CloudWatch alarms' evaluations on a thread of their own: every tick, the alarms whose minute (10 seconds
 * when high-resolution) has come are evaluated ({@link AlarmStore#evaluateDue}), so a transition is seen at most a
 * tick after AWS would see it. Its subscribers (FIS stop conditions, alerts) run on this thread.
 */
public final class AlarmEvaluations implements AutoCloseable {
    private final PeriodicTask task;
    private final AtomicLong failures = new AtomicLong();

    private AlarmEvaluations(AlarmStore alarms, InstantSource clock, Duration tick) {
        requireNonNull(alarms, "alarms is null");
        requireNonNull(clock, "clock is null");
        this.task = PeriodicTask.start("backlane-alarms", tick.toMillis(), () -> {
            try {
                alarms.evaluateDue(clock.instant());
            } catch (RuntimeException e) {
                // One bad evaluation must not end the schedule (a periodic task that throws is never run again).
                failures.incrementAndGet();
            }
        });
    }

    public static AlarmEvaluations start(AlarmStore alarms, InstantSource clock, Duration tick) {
        return new AlarmEvaluations(alarms, clock, tick);
    }

    /** How many ticks failed. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        task.close();
    }
}
