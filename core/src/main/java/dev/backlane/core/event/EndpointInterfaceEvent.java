package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.Optional;

/**
 * A step in the life of a VPC endpoint's network interface, at {@code at}: created in a subnet with its address,
 * attached to the endpoint's service, in use, or deleted (with the endpoint, or with a subnet taken off it).
 */
public record EndpointInterfaceEvent(Scope scope, String vpcEndpointId, String networkInterfaceId, Step step, String subnetId,
        String availabilityZone, String privateIpAddress, Optional<String> attachmentId, Instant at) implements Event {

    /** The steps, named as EC2 names the interface's status where it has one. */
    public enum Step {
        CREATED("created"),
        ATTACHED("attached"),
        IN_USE("in-use"),
        DELETED("deleted");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public EndpointInterfaceEvent {
        requireNonNull(scope, "scope is null");
        requireNonNull(vpcEndpointId, "vpcEndpointId is null");
        requireNonNull(networkInterfaceId, "networkInterfaceId is null");
        requireNonNull(step, "step is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        requireNonNull(privateIpAddress, "privateIpAddress is null");
        requireNonNull(attachmentId, "attachmentId is null");
        requireNonNull(at, "at is null");
    }
}
