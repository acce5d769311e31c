package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One key under one operator of a Condition block, with its policy values as text (JSON numbers and
 * booleans become their text, which is how AWS compares them). Keys keep the case they were written in;
 * matching ignores it.
 */
public record ConditionClause(ConditionOperator operator, String key, List<String> values) {

    public ConditionClause {
        requireNonNull(operator, "operator is null");
        requireNonNull(key, "key is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
    }

    public static ConditionClause of(ConditionOperator operator, String key, String... values) {
        return new ConditionClause(operator, key, List.of(values));
    }
}
