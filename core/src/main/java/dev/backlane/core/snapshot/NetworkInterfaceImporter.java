package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.integer;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * NetworkInterfaces of describe-network-interfaces: addresses (primary, secondary, IPv6, the public
 * address of the association), groups, the attachment (instance, or the service for requester-managed
 * interfaces), InterfaceType and RequesterManaged. The interfaces listed inside instances use the same
 * reading, so a snapshot without describe-network-interfaces still has its instances' interfaces.
 */
final class NetworkInterfaceImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        NetworkInterface read = read(item, null, null, context);
        if (read != null) {
            context.put(ResourceTypes.NETWORK_INTERFACE, read, item);
        }
    }

    /**
     * The interface an item describes, or null (with a note) when it lacks what every interface has.
     * {@code zoneFallback} and {@code instanceId} complete the items inside an instance, which omit them.
     */
    static NetworkInterface read(JsonNode item, String zoneFallback, String instanceId, ImportContext context) {
        String id = text(item, "NetworkInterfaceId");
        String subnetId = text(item, "SubnetId");
        String vpcId = text(item, "VpcId");
        String primary = text(item, "PrivateIpAddress");
        if (id == null || subnetId == null || vpcId == null || primary == null) {
            context.note("a network interface without NetworkInterfaceId, SubnetId, VpcId or PrivateIpAddress is skipped");
            return null;
        }
        Subnet subnet = context.find(ResourceTypes.SUBNET, subnetId).orElse(null);
        String zone = text(item, "AvailabilityZone", zoneFallback != null ? zoneFallback : subnet != null ? subnet.availabilityZone() : "");
        String zoneId = subnet != null && subnet.availabilityZone().equals(zone) ? subnet.availabilityZoneId() : context.zoneId(zone);
        List<String> secondary = new ArrayList<>();
        for (JsonNode address : items(item, "PrivateIpAddresses")) {
            String value = text(address, "PrivateIpAddress");
            if (value != null && !value.equals(primary) && !bool(address, "Primary", false)) {
                secondary.add(value);
            }
        }
        JsonNode association = object(item, "Association");
        JsonNode attachment = object(item, "Attachment");
        String status = text(item, "Status", attachment != null ? "in-use" : "available");
        return new NetworkInterface(id, subnetId, vpcId, zone, zoneId, text(item, "Description", ""), text(item, "InterfaceType", "interface"),
                primary, secondary, texts(item, "Ipv6Addresses", "Ipv6Address"), texts(item, "Groups", "GroupId"),
                bool(item, "SourceDestCheck", true), bool(item, "RequesterManaged", false), text(item, "RequesterId"),
                text(item, "MacAddress", ""), status, attachment(attachment, id, instanceId, context), text(association, "PublicIp"),
                text(association, "AllocationId"), text(association, "AssociationId"));
    }

    private static NetworkInterfaceAttachment attachment(JsonNode attachment, String interfaceId, String instanceId, ImportContext context) {
        if (attachment == null) {
            return null;
        }
        Integer deviceIndex = integer(attachment, "DeviceIndex");
        return new NetworkInterfaceAttachment(text(attachment, "AttachmentId", interfaceId + "-attachment"),
                text(attachment, "InstanceId", instanceId), text(attachment, "InstanceOwnerId", instanceId == null ? null : context.account()),
                deviceIndex == null ? 0 : deviceIndex, text(attachment, "Status", "attached"), bool(attachment, "DeleteOnTermination", false),
                context.time(attachment, "AttachTime", interfaceId, null));
    }
}
