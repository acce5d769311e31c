package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition context keys of a request, each with one or several values. Key names are
 * case-insensitive (stored lowercased), values case-sensitive. A key given with no values counts as
 * missing, as an empty multivalued key does for AWS's set operators.
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, String[]> values;

    private RequestContext(Map<String, String[]> values) {
        this.values = values;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    public static RequestContext of(Map<String, List<String>> keys) {
        requireNonNull(keys, "keys is null");
        Builder builder = builder();
        keys.forEach(builder::put);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The values of a key given in lowercase, or null when the request lacks it. */
    String[] values(String lowercaseKey) {
        return values.get(lowercaseKey);
    }

    public boolean contains(String key) {
        return values.containsKey(key.toLowerCase(Locale.ROOT));
    }

    /** The values of a key in any case; an empty list when the request lacks it. */
    public List<String> get(String key) {
        String[] found = values.get(key.toLowerCase(Locale.ROOT));
        return found == null ? List.of() : List.of(found);
    }

    /** The keys and values, keys lowercased. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        values.forEach((key, found) -> map.put(key, List.of(found)));
        return Collections.unmodifiableMap(map);
    }

    /** A copy with the key set only if the request does not already have it. */
    RequestContext withDefault(String key, String value) {
        String lowercase = key.toLowerCase(Locale.ROOT);
        if (values.containsKey(lowercase)) {
            return this;
        }
        Map<String, String[]> copy = new HashMap<>(values);
        copy.put(lowercase, new String[] {value});
        return new RequestContext(copy);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RequestContext that) || that.values.size() != values.size()) {
            return false;
        }
        for (Map.Entry<String, String[]> entry : values.entrySet()) {
            if (!Arrays.equals(entry.getValue(), that.values.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Collects keys; adding a key twice adds values to it. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String key, String value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            values.computeIfAbsent(key.toLowerCase(Locale.ROOT), ignored -> new java.util.ArrayList<>()).add(value);
            return this;
        }

        public Builder put(String key, List<String> keyValues) {
            requireNonNull(key, "key is null");
            requireNonNull(keyValues, "keyValues is null");
            List<String> list = values.computeIfAbsent(key.toLowerCase(Locale.ROOT), ignored -> new java.util.ArrayList<>());
            keyValues.forEach(value -> list.add(requireNonNull(value, "value is null")));
            return this;
        }

        public RequestContext build() {
            Map<String, String[]> built = new HashMap<>();
            values.forEach((key, list) -> {
                if (!list.isEmpty()) {
                    built.put(key, list.toArray(String[]::new));
                }
            });
            return new RequestContext(built);
        }
    }
}
