package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operation's parsed input, keyed by model member names, with typed accessors. Types were checked
 * against the model by the parser, so accessors only cast.
 */
public final class Input {
    private static final Input EMPTY = new Input(Map.of());

    private final Map<String, Object> values;

    public Input(Map<String, Object> values) {
        this.values = requireNonNull(values, "values is null");
    }

    public static Input empty() {
        return EMPTY;
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String member) {
        return values.containsKey(member);
    }

    public String string(String member) {
        return (String) values.get(member);
    }

    public Optional<String> optionalString(String member) {
        return Optional.ofNullable(string(member));
    }

    /** The string member, or AWS's MissingParameter naming {@code wireName} when it is absent or empty. */
    public String requiredString(String member, String wireName) {
        String value = string(member);
        if (value == null || value.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter %s", wireName);
        }
        return value;
    }

    public Boolean bool(String member) {
        return (Boolean) values.get(member);
    }

    public boolean bool(String member, boolean absent) {
        Boolean value = bool(member);
        return value == null ? absent : value;
    }

    public Integer integer(String member) {
        Object value = values.get(member);
        return value == null ? null : ((Number) value).intValue();
    }

    public Long longValue(String member) {
        Object value = values.get(member);
        return value == null ? null : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String member) {
        Object value = values.get(member);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public Input structure(String member) {
        Object value = values.get(member);
        return value == null ? null : new Input((Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    public List<Input> structures(String member) {
        Object value = values.get(member);
        if (value == null) {
            return List.of();
        }
        return ((List<Map<String, Object>>) value).stream().map(Input::new).toList();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String member) {
        Object value = values.get(member);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
