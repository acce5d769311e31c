package dev.backlane.server.api.ec2;

import dev.backlane.core.model.Address;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/** Elastic IPs as the EC2 model's {@code Address} shape (always domain {@code vpc}, Amazon's pool). */
final class AddressShapes {
    static final String DOMAIN = "vpc";
    static final String POOL = "amazon";

    private AddressShapes() {}

    static Map<String, Object> address(Address address, Scope scope, ScopeState state) {
        NetworkInterface networkInterface = address.networkInterfaceId() == null ? null
                : state.find(ResourceTypes.NETWORK_INTERFACE, address.networkInterfaceId()).orElse(null);
        return Output.create()
                .put("AllocationId", address.id())
                .put("AssociationId", address.associationId())
                .put("Domain", DOMAIN)
                .put("NetworkInterfaceId", address.networkInterfaceId())
                .put("NetworkInterfaceOwnerId", address.isAssociated() ? scope.account() : null)
                .put("PrivateIpAddress", address.privateIpAddress())
                .put("SubnetId", networkInterface == null ? null : networkInterface.subnetId())
                .put("PublicIp", address.publicIp())
                .put("PublicIpv4Pool", POOL)
                .put("NetworkBorderGroup", address.networkBorderGroup())
                .put("Tags", TagShapes.tagSet(state, address.id()))
                .build();
    }
}
