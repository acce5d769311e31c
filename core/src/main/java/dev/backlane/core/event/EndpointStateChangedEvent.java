package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpointState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A VPC endpoint's state as DescribeVpcEndpoints shows it changed at {@code at}: {@code previous} is empty when the
 * endpoint was created. {@code provisioning} is the time from CreateVpcEndpoint to the end of {@code pending} (M7's
 * provisioning time), given on the change out of {@code pending}.
 */
public record EndpointStateChangedEvent(Scope scope, String vpcEndpointId, String vpcId, String serviceName, Optional<VpcEndpointState> previous,
        VpcEndpointState current, Instant at, Optional<Duration> provisioning) implements Event {
    public EndpointStateChangedEvent {
        requireNonNull(scope, "scope is null");
        requireNonNull(vpcEndpointId, "vpcEndpointId is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(previous, "previous is null");
        requireNonNull(current, "current is null");
        requireNonNull(at, "at is null");
        requireNonNull(provisioning, "provisioning is null");
    }
}
