package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The policies that govern one call: the caller's identity policies, the resource's policy and the
 * account that owns the resource, the endpoint's policy when the call goes through an endpoint, and a
 * service control policy when the caller's account is in an organisation. An absent endpoint policy
 * means the call does not go through an endpoint, or goes through one with the default full-access policy.
 */
public record PolicySet(
        List<CompiledPolicy> identityPolicies,
        Optional<CompiledPolicy> resourcePolicy,
        Optional<String> resourceAccount,
        Optional<CompiledPolicy> endpointPolicy,
        Optional<CompiledPolicy> serviceControlPolicy) {

    public PolicySet {
        identityPolicies = List.copyOf(requireNonNull(identityPolicies, "identityPolicies is null"));
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        requireNonNull(endpointPolicy, "endpointPolicy is null");
        requireNonNull(serviceControlPolicy, "serviceControlPolicy is null");
    }
}
