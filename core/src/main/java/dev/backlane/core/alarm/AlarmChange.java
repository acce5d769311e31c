package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;

/**
 * One change {@link AlarmStore} made to its alarms or their history, for its {@link AlarmJournal} to keep: an alarm
 * saved (created, or its definition, state or tags changed), deleted, a history item recorded, or the scope's oldest
 * history items dropped (past the bound or the retention). A change of when an alarm was last evaluated alone is not
 * one: it only schedules the next evaluation, and an alarm restored from its journal is simply evaluated at the next tick.
 */
public sealed interface AlarmChange {
    Scope scope();

    record Saved(MetricAlarm alarm) implements AlarmChange {
        public Saved {
            requireNonNull(alarm, "alarm is null");
        }

        @Override
        public Scope scope() {
            return alarm.scope();
        }
    }

    record Deleted(Scope scope, String name) implements AlarmChange {
        public Deleted {
            requireNonNull(scope, "scope is null");
            requireNonNull(name, "name is null");
        }
    }

    record Recorded(AlarmHistoryItem item) implements AlarmChange {
        public Recorded {
            requireNonNull(item, "item is null");
        }

        @Override
        public Scope scope() {
            return item.scope();
        }
    }

    /** The scope's {@code count} oldest history items are gone. */
    record Dropped(Scope scope, int count) implements AlarmChange {
        public Dropped {
            requireNonNull(scope, "scope is null");
            if (count < 1) {
                throw new IllegalArgumentException("count must be positive: " + count);
            }
        }
    }
}
