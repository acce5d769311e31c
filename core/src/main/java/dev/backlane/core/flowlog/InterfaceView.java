package dev.backlane.core.flowlog;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.Optional;

/**
 * What a flow log record tells of the network interface it is cut on: its ID, account and region, VPC, subnet,
 * the instance it is attached to (if any), its zone ID and its primary private address. Taken from the world when
 * the traffic is seen, so that a record of an interface deleted since still names where it was.
 */
public record InterfaceView(String id, Scope scope, String vpcId, String subnetId, Optional<String> instanceId, String azId, String address) {
    public InterfaceView {
        requireNonNull(id, "id is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(azId, "azId is null");
        requireNonNull(address, "address is null");
    }

    public static InterfaceView of(Scope scope, NetworkInterface eni) {
        Optional<String> instance = eni.attachment() == null ? Optional.empty() : Optional.ofNullable(eni.attachment().instanceId());
        return new InterfaceView(eni.id(), scope, eni.vpcId(), eni.subnetId(), instance,
                eni.availabilityZoneId() == null ? "-" : eni.availabilityZoneId(), eni.privateIpAddress());
    }

    /** The interface in the scope, else in whichever scope holds it (a peer VPC's interface is another account's). */
    public static Optional<InterfaceView> find(World world, Scope preferred, String interfaceId) {
        if (world.hasScope(preferred)) {
            Optional<NetworkInterface> here = world.find(preferred, ResourceTypes.NETWORK_INTERFACE, interfaceId);
            if (here.isPresent()) {
                return here.map(eni -> of(preferred, eni));
            }
        }
        for (Scope scope : world.scopes()) {
            Optional<NetworkInterface> there = world.find(scope, ResourceTypes.NETWORK_INTERFACE, interfaceId);
            if (there.isPresent()) {
                return there.map(eni -> of(scope, eni));
            }
        }
        return Optional.empty();
    }
}
