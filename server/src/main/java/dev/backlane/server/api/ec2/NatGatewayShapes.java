package dev.backlane.server.api.ec2;

import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.Map;

/** NAT gateways as the EC2 model's {@code NatGateway} shape, their state as of the time of the call. */
final class NatGatewayShapes {
    private NatGatewayShapes() {}

    static Map<String, Object> natGateway(NatGateway gateway, ScopeState state, Instant at) {
        NatGateway.State current = gateway.state(at);
        return Output.create()
                .put("CreateTime", gateway.createTime())
                .put("DeleteTime", current == NatGateway.State.DELETED ? gateway.deleteTime() : null)
                .put("NatGatewayAddresses", gateway.addresses().stream().map(address -> address(address, current)).toList())
                .put("NatGatewayId", gateway.id())
                .put("State", current.awsName())
                .put("SubnetId", gateway.subnetId())
                .put("VpcId", gateway.vpcId())
                .put("Tags", TagShapes.tagSet(state, gateway.id()))
                .put("ConnectivityType", gateway.connectivityType().wireName())
                .put("AvailabilityMode", "zonal")
                .build();
    }

    private static Map<String, Object> address(NatGatewayAddress address, NatGateway.State state) {
        String status = switch (state) {
            case PENDING -> "associating";
            case AVAILABLE, DELETED -> "succeeded";
            case DELETING -> "disassociating";
        };
        return Output.create()
                .put("AllocationId", address.allocationId())
                .put("NetworkInterfaceId", address.networkInterfaceId())
                .put("PrivateIp", address.privateIp())
                .put("PublicIp", address.publicIp())
                .put("AssociationId", state == NatGateway.State.DELETED ? null : address.associationId())
                .put("IsPrimary", address.isPrimary())
                .put("Status", status)
                .build();
    }
}
