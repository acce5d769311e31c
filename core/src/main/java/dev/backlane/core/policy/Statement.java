package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One statement of a policy. Action and Resource are each either the positive or the negated element
 * ({@link ValueElement#negated()}); the principal is absent in identity policies. Conditions are kept
 * in document order, grouped by operator as they were written.
 */
public record Statement(
        Optional<String> sid,
        Effect effect,
        Optional<PrincipalElement> principal,
        ValueElement action,
        ValueElement resource,
        List<ConditionClause> conditions) {

    public Statement {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    }
}
