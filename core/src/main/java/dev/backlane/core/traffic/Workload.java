package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.util.Optional;

/**
 * A program placed in the emulated network: its calls leave from a network interface ({@code eni-...}, an
 * instance's primary interface or one Backlane created for an ad-hoc workload in a subnet) and are made as a
 * principal (an IAM role or user ARN, or the account root). An ad-hoc workload's interface is removed with it.
 */
public record Workload(String id, Scope scope, String networkInterfaceId, Optional<String> instanceId, String principalArn, boolean adHoc) {
    public Workload {
        requireNonNull(id, "id is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(networkInterfaceId, "networkInterfaceId is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(principalArn, "principalArn is null");
    }
}
