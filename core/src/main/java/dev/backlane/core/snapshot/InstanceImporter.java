package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.integer;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceLaunch;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import java.util.Comparator;
import java.util.List;

/**
 * Reservations of describe-instances: each instance with its state, placement, addresses, interfaces
 * (by device index, primary first), groups and instance profile. An interface the instance lists that
 * describe-network-interfaces did not is read from the instance's own listing.
 */
final class InstanceImporter implements KindImporter {
    @Override
    public void read(JsonNode reservation, ImportContext context) {
        for (JsonNode item : items(reservation, "Instances")) {
            instance(item, text(reservation, "ReservationId"), context);
        }
    }

    private static void instance(JsonNode item, String reservationId, ImportContext context) {
        String id = text(item, "InstanceId");
        if (id == null) {
            context.note("an instance without InstanceId is skipped");
            return;
        }
        String zone = text(object(item, "Placement"), "AvailabilityZone", "");
        List<JsonNode> interfaces = items(item, "NetworkInterfaces");
        interfaces.sort(Comparator.comparingInt(
                (JsonNode eni) -> {
                    Integer index = integer(object(eni, "Attachment"), "DeviceIndex");
                    return index == null ? Integer.MAX_VALUE : index;
                }));
        for (JsonNode eni : interfaces) {
            String eniId = text(eni, "NetworkInterfaceId");
            if (eniId != null && context.find(ResourceTypes.NETWORK_INTERFACE, eniId).isEmpty()) {
                NetworkInterface read = NetworkInterfaceImporter.read(eni, zone, id, context);
                if (read != null) {
                    context.put(ResourceTypes.NETWORK_INTERFACE, read, eni);
                }
            }
        }
        context.put(ResourceTypes.INSTANCE, new Instance(id, text(item, "InstanceType", ""), text(object(item, "State"), "Name", "running"),
                text(item, "SubnetId"), text(item, "VpcId"), zone, text(item, "PrivateIpAddress"), text(item, "PublicIpAddress"),
                interfaces.stream().map(eni -> text(eni, "NetworkInterfaceId")).filter(java.util.Objects::nonNull).toList(),
                texts(item, "SecurityGroups", "GroupId"), text(object(item, "IamInstanceProfile"), "Arn"), bool(item, "SourceDestCheck", true),
                context.time(item, "LaunchTime", id, null), launch(item, reservationId), null, null, null, null), item);
    }

    /** What the instance was launched with, when the snapshot says: its AMI and reservation. */
    private static InstanceLaunch launch(JsonNode item, String reservationId) {
        String imageId = text(item, "ImageId");
        if (imageId == null || reservationId == null) {
            return null;
        }
        Integer index = integer(item, "AmiLaunchIndex");
        return new InstanceLaunch(imageId, reservationId, index == null ? 0 : index, text(item, "KeyName"), text(item, "PublicIpAddress") != null,
                text(item, "ClientToken"));
    }
}
