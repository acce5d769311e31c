package dev.backlane.server.api;

import dev.backlane.core.model.WireName;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an output tree keyed by model member names; null values are left out, as AWS leaves out
 * members it has nothing for.
 */
public final class Output {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public static Output create() {
        return new Output();
    }

    public Output put(String member, Object value) {
        if (value != null) {
            values.put(member, value);
        }
        return this;
    }

    /** A value of an enum AWS names on the wire, written by that name. */
    public Output put(String member, WireName value) {
        return put(member, value == null ? null : (Object) value.wireName());
    }

    public Map<String, Object> build() {
        return values;
    }

    /** An output of one member. */
    public static Map<String, Object> of(String member, Object value) {
        return create().put(member, value).build();
    }

    public static Map<String, Object> empty() {
        return new LinkedHashMap<>();
    }
}
