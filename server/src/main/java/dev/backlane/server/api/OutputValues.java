package dev.backlane.server.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Output trees in a form that can be kept and replayed: timestamps as AWS's ISO-8601 text. */
final class OutputValues {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OutputValues() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> normalize(Map<String, Object> output) {
        Map<String, Object> result = new LinkedHashMap<>();
        output.forEach((key, value) -> result.put(key, normalizeValue(value)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return normalize((Map<String, Object>) map);
        }
        if (value instanceof Collection<?> items) {
            List<Object> result = new ArrayList<>(items.size());
            items.forEach(item -> result.add(normalizeValue(item)));
            return result;
        }
        if (value instanceof Instant instant) {
            return ISO_MILLIS.format(instant);
        }
        return value;
    }
}
