package dev.backlane.core.policy;

import java.util.Optional;

/**
 * The comparison at the heart of a condition operator, without its set qualifier or IfExists suffix.
 * A negated function ({@code StringNotEquals}) is true exactly when its positive counterpart is false
 * for every value, which gives AWS's NOR over multiple policy values.
 */
public enum ConditionFunction {
    STRING_EQUALS("StringEquals", ValueType.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", ValueType.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", ValueType.STRING, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", ValueType.STRING, true),
    STRING_LIKE("StringLike", ValueType.STRING, false),
    STRING_NOT_LIKE("StringNotLike", ValueType.STRING, true),
    NUMERIC_EQUALS("NumericEquals", ValueType.NUMBER, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", ValueType.NUMBER, true),
    NUMERIC_LESS_THAN("NumericLessThan", ValueType.NUMBER, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ValueType.NUMBER, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", ValueType.NUMBER, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", ValueType.NUMBER, false),
    DATE_EQUALS("DateEquals", ValueType.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", ValueType.DATE, true),
    DATE_LESS_THAN("DateLessThan", ValueType.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", ValueType.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", ValueType.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", ValueType.DATE, false),
    BOOL("Bool", ValueType.BOOLEAN, false),
    BINARY_EQUALS("BinaryEquals", ValueType.BINARY, false),
    IP_ADDRESS("IpAddress", ValueType.IP_ADDRESS, false),
    NOT_IP_ADDRESS("NotIpAddress", ValueType.IP_ADDRESS, true),
    ARN_EQUALS("ArnEquals", ValueType.ARN, false),
    ARN_LIKE("ArnLike", ValueType.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", ValueType.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", ValueType.ARN, true),
    NULL("Null", ValueType.BOOLEAN, false);

    /** The kind of value a function compares, which decides how policy values are checked and compiled. */
    public enum ValueType {
        STRING,
        NUMBER,
        DATE,
        BOOLEAN,
        BINARY,
        IP_ADDRESS,
        ARN
    }

    private final String text;
    private final ValueType valueType;
    private final boolean negated;

    ConditionFunction(String text, ValueType valueType, boolean negated) {
        this.text = text;
        this.valueType = valueType;
        this.negated = negated;
    }

    public String text() {
        return text;
    }

    public ValueType valueType() {
        return valueType;
    }

    public boolean negated() {
        return negated;
    }

    /** Whether policy variables are resolved in this function's values (AWS: not for Null, numbers, dates, Bool, binary, IPs). */
    public boolean supportsVariables() {
        return valueType == ValueType.STRING || valueType == ValueType.ARN;
    }

    public static Optional<ConditionFunction> fromText(String text) {
        for (ConditionFunction function : values()) {
            if (function.text.equals(text)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
