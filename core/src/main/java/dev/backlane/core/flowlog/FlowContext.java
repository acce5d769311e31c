package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a record says beyond the 5-tuple and its counts: the interface it is cut on (VPC, subnet, instance, zone,
 * region), the flow's direction relative to that interface, the path egress traffic takes ({@code traffic-path},
 * empty for ingress) and the AWS services the packet addresses belong to ({@code pkt-src-aws-service},
 * {@code pkt-dst-aws-service}; empty for private addresses).
 */
public record FlowContext(InterfaceView networkInterface, FlowDirection direction, OptionalInt trafficPath, Optional<String> sourceService,
        Optional<String> destinationService) {
    public FlowContext {
        requireNonNull(networkInterface, "networkInterface is null");
        requireNonNull(direction, "direction is null");
        requireNonNull(trafficPath, "trafficPath is null");
        requireNonNull(sourceService, "sourceService is null");
        requireNonNull(destinationService, "destinationService is null");
    }

    /** Adds the interface's and the flow's fields to a record. */
    public FlowLogRecord.Builder applyTo(FlowLogRecord.Builder record) {
        return record.vpcId(networkInterface.vpcId()).subnetId(networkInterface.subnetId()).instanceId(networkInterface.instanceId().orElse(null))
                .region(networkInterface.scope().region()).azId(networkInterface.azId()).flowDirection(direction.fieldValue())
                .trafficPath(trafficPath.isPresent() ? trafficPath.getAsInt() : null)
                .packetAwsServices(sourceService.orElse(null), destinationService.orElse(null));
    }
}
