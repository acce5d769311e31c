package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of an account and region's alarm history as the store keeps it: an ID that orders the items as they were
 * recorded (a zero-padded sequence number) and the item's members as JSON-shaped values, written and read by the server.
 */
public record AlarmHistoryRecord(String id, Map<String, Object> item) implements Resource {
    public AlarmHistoryRecord {
        requireNonNull(id, "id is null");
        item = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(item, "item is null")));
    }
}
