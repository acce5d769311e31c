package dev.backlane.core.policy;

/**
 * The policies AWS consults for a call through a VPC endpoint, in the order this emulator reports
 * them: an organisation's service control policy, the endpoint policy, the resource's policy and the
 * caller's identity policies.
 */
public enum PolicyLayer {
    SERVICE_CONTROL_POLICY,
    ENDPOINT_POLICY,
    RESOURCE_POLICY,
    IDENTITY_POLICY
}
