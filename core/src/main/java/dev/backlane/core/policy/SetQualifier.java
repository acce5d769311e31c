package dev.backlane.core.policy;

/**
 * How a condition treats a multivalued context key: {@code ForAllValues:} (every request value must
 * match; true when the key is missing or empty), {@code ForAnyValue:} (some request value must match;
 * false when missing) or neither.
 */
public enum SetQualifier {
    NONE(""),
    FOR_ALL_VALUES("ForAllValues:"),
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
