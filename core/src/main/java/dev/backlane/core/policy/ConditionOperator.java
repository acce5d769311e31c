package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A condition operator as written in a policy, such as {@code ForAnyValue:StringLikeIfExists}: a set
 * qualifier, a function and the IfExists flag. {@code Null} takes no IfExists suffix.
 */
public record ConditionOperator(SetQualifier qualifier, ConditionFunction function, boolean ifExists) {

    private static final String IF_EXISTS = "IfExists";

    public ConditionOperator {
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(function, "function is null");
        if (ifExists && function == ConditionFunction.NULL) {
            throw new IllegalArgumentException("Null has no IfExists form");
        }
    }

    public static ConditionOperator of(ConditionFunction function) {
        return new ConditionOperator(SetQualifier.NONE, function, false);
    }

    /** Reads an operator name; names are case-sensitive, as AWS's are. */
    public static Optional<ConditionOperator> parse(String text) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        for (SetQualifier candidate : SetQualifier.values()) {
            if (candidate != SetQualifier.NONE && rest.startsWith(candidate.prefix())) {
                qualifier = candidate;
                rest = rest.substring(candidate.prefix().length());
                break;
            }
        }
        boolean ifExists = false;
        Optional<ConditionFunction> function = ConditionFunction.fromText(rest);
        if (function.isEmpty() && rest.endsWith(IF_EXISTS)) {
            ifExists = true;
            function = ConditionFunction.fromText(rest.substring(0, rest.length() - IF_EXISTS.length()));
        }
        if (function.isEmpty() || (ifExists && function.get() == ConditionFunction.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(qualifier, function.get(), ifExists));
    }

    /** The operator's name as AWS writes it. */
    public String text() {
        return qualifier.prefix() + function.text() + (ifExists ? IF_EXISTS : "");
    }
}
