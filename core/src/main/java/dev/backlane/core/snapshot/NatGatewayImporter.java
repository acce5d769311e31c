package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * NatGateways of describe-nat-gateways. A NAT gateway's state follows from its times, so one reported
 * {@code deleting}, {@code deleted} or {@code failed} is kept as deleted (at its DeleteTime, else its
 * CreateTime), and routes to it are blackholes; {@code pending} and {@code available} are available.
 */
final class NatGatewayImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "NatGatewayId");
        String subnetId = text(item, "SubnetId");
        String vpcId = text(item, "VpcId");
        if (id == null || subnetId == null || vpcId == null) {
            context.note("a NAT gateway without NatGatewayId, SubnetId or VpcId is skipped");
            return;
        }
        List<NatGatewayAddress> addresses = new ArrayList<>();
        for (JsonNode address : items(item, "NatGatewayAddresses")) {
            String eni = text(address, "NetworkInterfaceId");
            String privateIp = text(address, "PrivateIp");
            if (eni != null && privateIp != null) {
                addresses.add(new NatGatewayAddress(eni, privateIp, text(address, "AllocationId"), text(address, "PublicIp"),
                        text(address, "AssociationId"), bool(address, "IsPrimary", addresses.isEmpty())));
            }
        }
        String zone = context.find(ResourceTypes.SUBNET, subnetId).map(Subnet::availabilityZone).orElse("");
        Instant created = context.time(item, "CreateTime", id, Instant.EPOCH);
        String state = text(item, "State", "available");
        Instant deleted = switch (state) {
            case "deleting", "deleted", "failed" -> context.time(item, "DeleteTime", id, created);
            default -> null;
        };
        context.put(ResourceTypes.NAT_GATEWAY, new NatGateway(id, subnetId, vpcId, zone, connectivity(item), addresses,
                created, deleted), item);
    }

    /** AWS writes public or private; a snapshot is real data, so anything but private is read as AWS's default, public. */
    private static ConnectivityType connectivity(JsonNode item) {
        return ConnectivityType.PRIVATE.wireName().equals(text(item, "ConnectivityType", "public")) ? ConnectivityType.PRIVATE
                : ConnectivityType.PUBLIC;
    }
}
