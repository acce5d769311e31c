package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The combined decision for a call, the layer that decided a deny (AWS's AccessDenied message does not
 * say; Backlane does) and each consulted policy's own evaluation. Identity policies appear once each,
 * in the order given.
 */
public record AccessDecision(
        Decision decision,
        Optional<PolicyLayer> denyingLayer,
        String reason,
        Map<PolicyLayer, List<PolicyEvaluation>> evaluations) {

    public AccessDecision {
        requireNonNull(decision, "decision is null");
        requireNonNull(denyingLayer, "denyingLayer is null");
        requireNonNull(reason, "reason is null");
        evaluations = Map.copyOf(requireNonNull(evaluations, "evaluations is null"));
        if (decision.isAllowed() == denyingLayer.isPresent()) {
            throw new IllegalArgumentException("a deny names its layer and an allow names none");
        }
    }
}
