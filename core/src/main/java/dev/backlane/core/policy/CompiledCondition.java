package dev.backlane.core.policy;

import java.util.Locale;

/**
 * One compiled condition clause: an operator applied to one context key. Implements AWS's rules for
 * missing keys (false, except true for negated functions, IfExists and ForAllValues), for multivalued
 * keys (ForAllValues: every request value must match; ForAnyValue: at least one) and for the Null check.
 */
final class CompiledCondition {

    private final ConditionClause clause;
    private final String lowercaseKey;
    private final ConditionFunction function;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final boolean negated;
    private final ValueMatcher matcher;
    private final boolean nullWantsMissing;
    private final boolean nullWantsPresent;

    CompiledCondition(ConditionClause clause, boolean variablesEnabled) {
        this.clause = clause;
        this.lowercaseKey = clause.key().toLowerCase(Locale.ROOT);
        this.function = clause.operator().function();
        this.qualifier = clause.operator().qualifier();
        this.ifExists = clause.operator().ifExists();
        this.negated = function.negated();
        this.matcher = ValueMatcher.compile(function, clause.values(), variablesEnabled);
        this.nullWantsMissing = clause.values().stream().anyMatch(value -> value.equalsIgnoreCase("true"));
        this.nullWantsPresent = clause.values().stream().anyMatch(value -> value.equalsIgnoreCase("false"));
    }

    ConditionClause clause() {
        return clause;
    }

    /** Whether the clause is false only because the request has no value for its key (Null checks excepted). */
    boolean failsForAbsentKey(RequestContext context) {
        return function != ConditionFunction.NULL && context.values(lowercaseKey) == null && !matches(context);
    }

    boolean matches(RequestContext context) {
        String[] values = context.values(lowercaseKey);
        boolean present = values != null;
        if (function == ConditionFunction.NULL) {
            return present ? nullWantsPresent : nullWantsMissing;
        }
        if (!present) {
            if (ifExists) {
                return true;
            }
            switch (qualifier) {
                case NONE:
                    return negated;
                case FOR_ALL_VALUES:
                    return true;
                case FOR_ANY_VALUE:
                    return false;
            }
            throw new AssertionError(qualifier);
        }
        switch (qualifier) {
            case NONE:
                for (String value : values) {
                    if (matcher.matchesAny(value, context)) {
                        return !negated;
                    }
                }
                return negated;
            case FOR_ALL_VALUES:
                for (String value : values) {
                    if (matcher.matchesAny(value, context) == negated) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (String value : values) {
                    if (matcher.matchesAny(value, context) != negated) {
                        return true;
                    }
                }
                return false;
        }
        throw new AssertionError(qualifier);
    }
}
