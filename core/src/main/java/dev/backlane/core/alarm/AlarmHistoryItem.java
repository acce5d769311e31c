package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.time.Instant;

/** One entry of an alarm's history (DescribeAlarmHistory): kept after the alarm is deleted, as on AWS. */
public record AlarmHistoryItem(Scope scope, String alarmName, Type type, Instant timestamp, String summary, String data) {
    /** {@code HistoryItemType}. */
    public enum Type {
        CONFIGURATION_UPDATE("ConfigurationUpdate"),
        STATE_UPDATE("StateUpdate"),
        ACTION("Action");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public AlarmHistoryItem {
        requireNonNull(scope, "scope is null");
        requireNonNull(alarmName, "alarmName is null");
        requireNonNull(type, "type is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(data, "data is null");
    }
}
