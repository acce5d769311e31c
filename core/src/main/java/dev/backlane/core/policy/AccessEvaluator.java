package dev.backlane.core.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combines the policies of a call as AWS's policy evaluation logic does: an explicit Deny in any policy
 * wins; then a service control policy, if there is one, must allow; then the endpoint policy, if there
 * is one, must allow; then, within one account, an identity policy or the resource policy must allow,
 * and across accounts both must (the identity side in the caller's account, the resource policy in the
 * resource's).
 */
public final class AccessEvaluator {

    private AccessEvaluator() {
    }

    public static AccessDecision decide(PolicySet policies, PolicyRequest request) {
        Map<PolicyLayer, List<PolicyEvaluation>> evaluations = new EnumMap<>(PolicyLayer.class);
        policies.serviceControlPolicy().ifPresent(policy -> evaluations.put(PolicyLayer.SERVICE_CONTROL_POLICY, List.of(policy.evaluate(request))));
        policies.endpointPolicy().ifPresent(policy -> evaluations.put(PolicyLayer.ENDPOINT_POLICY, List.of(policy.evaluate(request))));
        policies.resourcePolicy().ifPresent(policy -> evaluations.put(PolicyLayer.RESOURCE_POLICY, List.of(policy.evaluate(request))));
        List<PolicyEvaluation> identity = new ArrayList<>();
        policies.identityPolicies().forEach(policy -> identity.add(policy.evaluate(request)));
        evaluations.put(PolicyLayer.IDENTITY_POLICY, identity);

        for (PolicyLayer layer : PolicyLayer.values()) {
            for (PolicyEvaluation evaluation : evaluations.getOrDefault(layer, List.of())) {
                if (evaluation.decision() == Decision.EXPLICIT_DENY) {
                    return deny(Decision.EXPLICIT_DENY, layer, "explicitly denied by the " + name(layer), evaluations);
                }
            }
        }
        if (evaluations.containsKey(PolicyLayer.SERVICE_CONTROL_POLICY) && !allows(evaluations, PolicyLayer.SERVICE_CONTROL_POLICY)) {
            return deny(Decision.IMPLICIT_DENY, PolicyLayer.SERVICE_CONTROL_POLICY, "the service control policy does not allow it", evaluations);
        }
        if (evaluations.containsKey(PolicyLayer.ENDPOINT_POLICY) && !allows(evaluations, PolicyLayer.ENDPOINT_POLICY)) {
            return deny(Decision.IMPLICIT_DENY, PolicyLayer.ENDPOINT_POLICY, "the endpoint policy does not allow it", evaluations);
        }
        boolean identityAllows = allows(evaluations, PolicyLayer.IDENTITY_POLICY);
        boolean resourceAllows = allows(evaluations, PolicyLayer.RESOURCE_POLICY);
        Optional<String> callerAccount = request.principal().account();
        boolean sameAccount = policies.resourceAccount().isEmpty() || policies.resourceAccount().equals(callerAccount);
        if (sameAccount) {
            if (identityAllows || resourceAllows) {
                return new AccessDecision(Decision.ALLOW, Optional.empty(),
                        identityAllows ? "allowed by an identity policy" : "allowed by the resource policy", evaluations);
            }
            PolicyLayer layer = policies.resourcePolicy().isPresent() && policies.identityPolicies().isEmpty()
                    ? PolicyLayer.RESOURCE_POLICY : PolicyLayer.IDENTITY_POLICY;
            return deny(Decision.IMPLICIT_DENY, layer, "no identity or resource policy allows it", evaluations);
        }
        if (!identityAllows) {
            return deny(Decision.IMPLICIT_DENY, PolicyLayer.IDENTITY_POLICY,
                    "cross-account access needs an identity policy in the caller's account to allow it", evaluations);
        }
        if (!resourceAllows) {
            return deny(Decision.IMPLICIT_DENY, PolicyLayer.RESOURCE_POLICY,
                    "cross-account access needs the resource policy to allow it", evaluations);
        }
        return new AccessDecision(Decision.ALLOW, Optional.empty(), "allowed by an identity policy and the resource policy", evaluations);
    }

    private static boolean allows(Map<PolicyLayer, List<PolicyEvaluation>> evaluations, PolicyLayer layer) {
        return evaluations.getOrDefault(layer, List.of()).stream().anyMatch(evaluation -> evaluation.decision() == Decision.ALLOW);
    }

    private static AccessDecision deny(Decision decision, PolicyLayer layer, String reason, Map<PolicyLayer, List<PolicyEvaluation>> evaluations) {
        return new AccessDecision(decision, Optional.of(layer), reason, evaluations);
    }

    private static String name(PolicyLayer layer) {
        switch (layer) {
            case SERVICE_CONTROL_POLICY:
                return "service control policy";
            case ENDPOINT_POLICY:
                return "endpoint policy";
            case RESOURCE_POLICY:
                return "resource policy";
            case IDENTITY_POLICY:
                return "identity policy";
        }
        throw new AssertionError(layer);
    }
}
