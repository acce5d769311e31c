package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a statement did not apply to a request: the first element that did not match and, for a
 * condition, the operator and key that failed.
 */
public record StatementMismatch(
        StatementReference statement,
        StatementElement element,
        Optional<String> conditionOperator,
        Optional<String> conditionKey) {

    public StatementMismatch {
        requireNonNull(statement, "statement is null");
        requireNonNull(element, "element is null");
        requireNonNull(conditionOperator, "conditionOperator is null");
        requireNonNull(conditionKey, "conditionKey is null");
    }

    /** A sentence for people, e.g. {@code Statement 1 (Sid "OnlyVpce"): Condition StringEquals aws:SourceVpce did not match}. */
    public String describe() {
        StringBuilder text = new StringBuilder("Statement ").append(statement.index());
        statement.sid().ifPresent(sid -> text.append(" (Sid \"").append(sid).append("\")"));
        text.append(": ").append(element.text());
        conditionOperator.ifPresent(operator -> text.append(' ').append(operator));
        conditionKey.ifPresent(key -> text.append(' ').append(key));
        return text.append(" did not match").toString();
    }
}
