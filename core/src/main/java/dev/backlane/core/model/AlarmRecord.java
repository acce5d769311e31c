package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudWatch metric alarm as the store keeps it: its name (its ID within the account and region) and the alarm's
 * members as JSON-shaped values (definition, state, tags), written and read by the server. Kept so that alarms and
 * their states survive a restart.
 */
public record AlarmRecord(String id, Map<String, Object> alarm) implements Resource {
    public AlarmRecord {
        requireNonNull(id, "id is null");
        alarm = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(alarm, "alarm is null")));
    }
}
