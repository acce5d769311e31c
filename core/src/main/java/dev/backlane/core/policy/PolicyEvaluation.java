package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The explained result of evaluating one policy: the decision, the statements that decided it (every
 * matching Deny for an explicit deny, every matching Allow for an allow, none for an implicit deny) and,
 * for each statement that did not apply, the first element that did not match.
 */
public record PolicyEvaluation(Decision decision, List<StatementReference> decidingStatements, List<StatementMismatch> mismatches) {

    public PolicyEvaluation {
        requireNonNull(decision, "decision is null");
        decidingStatements = List.copyOf(requireNonNull(decidingStatements, "decidingStatements is null"));
        mismatches = List.copyOf(requireNonNull(mismatches, "mismatches is null"));
    }
}
