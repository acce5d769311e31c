package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A policy compiled once and evaluated many times. {@link #decide} is the fast path: it walks the
 * statements, stops at the first applicable Deny, and allocates nothing for policies without
 * variables. {@link #evaluate} gives the same decision with the statements that made it and, for each
 * statement that did not apply, the element that did not match.
 */
public final class CompiledPolicy {

    private final Policy policy;
    private final CompiledStatement[] statements;

    private CompiledPolicy(Policy policy) {
        this.policy = policy;
        boolean variables = policy.effectiveVersion().supportsVariables();
        List<Statement> source = policy.statements();
        this.statements = new CompiledStatement[source.size()];
        for (int i = 0; i < statements.length; i++) {
            statements[i] = new CompiledStatement(i, source.get(i), variables);
        }
    }

    public static CompiledPolicy compile(Policy policy) {
        return new CompiledPolicy(requireNonNull(policy, "policy is null"));
    }

    /** Parses and compiles a document; throws {@link PolicyParseException} if it has errors. */
    public static CompiledPolicy parse(String json) {
        return compile(PolicyParser.parse(json));
    }

    public Policy policy() {
        return policy;
    }

    /** The decision alone: an applicable Deny wins, else an applicable Allow, else an implicit deny. */
    public Decision decide(PolicyRequest request) {
        requireNonNull(request, "request is null");
        boolean allowed = false;
        for (CompiledStatement statement : statements) {
            if ((statement.effect() == Effect.DENY || !allowed) && statement.applies(request)) {
                if (statement.effect() == Effect.DENY) {
                    return Decision.EXPLICIT_DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** The decision with its explanation. */
    public PolicyEvaluation evaluate(PolicyRequest request) {
        requireNonNull(request, "request is null");
        List<StatementReference> denies = new ArrayList<>();
        List<StatementReference> allows = new ArrayList<>();
        List<StatementMismatch> mismatches = new ArrayList<>();
        for (CompiledStatement statement : statements) {
            Optional<StatementMismatch> mismatch = statement.mismatch(request);
            if (mismatch.isPresent()) {
                mismatches.add(mismatch.get());
            } else if (statement.effect() == Effect.DENY) {
                denies.add(statement.reference());
            } else {
                allows.add(statement.reference());
            }
        }
        if (!denies.isEmpty()) {
            return new PolicyEvaluation(Decision.EXPLICIT_DENY, denies, mismatches);
        }
        if (!allows.isEmpty()) {
            return new PolicyEvaluation(Decision.ALLOW, allows, mismatches);
        }
        return new PolicyEvaluation(Decision.IMPLICIT_DENY, List.of(), mismatches);
    }
}
