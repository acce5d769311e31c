package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why a statement did not apply to a request: the first element that did not match and, for a
 * condition, the operator and key that failed, and whether it failed because the request has no
 * value for the key at all (as when a call does not come through a VPC endpoint and so has no
 * {@code aws:SourceVpce}).
 */
public record StatementMismatch(
        StatementReference statement,
        StatementElement element,
        Optional<String> conditionOperator,
        Optional<String> conditionKey,
        boolean conditionKeyAbsent) {

    public StatementMismatch {
        requireNonNull(statement, "statement is null");
        requireNonNull(element, "element is null");
        requireNonNull(conditionOperator, "conditionOperator is null");
        requireNonNull(conditionKey, "conditionKey is null");
    }

    /**
     * A sentence for people, e.g. {@code Statement 1 (Sid "OnlyVpce"): Condition StringEquals aws:SourceVpce did not match},
     * or {@code ...: Condition StringEquals aws:SourceVpce is false because the request has no aws:SourceVpce}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder("Statement ").append(statement.index());
        statement.sid().ifPresent(sid -> text.append(" (Sid \"").append(sid).append("\")"));
        text.append(": ").append(element.text());
        conditionOperator.ifPresent(operator -> text.append(' ').append(operator));
        conditionKey.ifPresent(key -> text.append(' ').append(key));
        if (conditionKeyAbsent && conditionKey.isPresent()) {
            return text.append(" is false because the request has no ").append(conditionKey.get()).toString();
        }
        return text.append(" did not match").toString();
    }
}
