package dev.backlane.core.snapshot;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zone mapping a snapshot of a real account shows: the pairs of its AvailabilityZones, and of its
 * subnets and network interfaces (which carry both the name and the ID), completed for the zones it does
 * not mention. When the snapshot shows any pair, the mapping is pinned in the scope, so the account's
 * zones keep the names its real account gives them; subnets that lack a zone ID get it from the mapping.
 */
final class SnapshotZoneMapping {
    private SnapshotZoneMapping() {}

    static void pin(ImportContext context, ZoneMappings mappings) {
        Map<String, String> known = new LinkedHashMap<>(context.zoneIds());
        for (Subnet subnet : context.all(ResourceTypes.SUBNET)) {
            if (!subnet.availabilityZoneId().isEmpty()) {
                known.putIfAbsent(subnet.availabilityZone(), subnet.availabilityZoneId());
            }
        }
        for (NetworkInterface eni : context.all(ResourceTypes.NETWORK_INTERFACE)) {
            if (eni.availabilityZoneId() != null && !eni.availabilityZoneId().isEmpty() && !eni.availabilityZone().isEmpty()) {
                known.putIfAbsent(eni.availabilityZone(), eni.availabilityZoneId());
            }
        }
        if (known.isEmpty()) {
            return;
        }
        ZoneMapping mapping = mappings.completing(context.account(), context.region(), known);
        known.forEach((name, id) -> {
            if (!mapping.idOf(name).equals(id)) {
                context.note("zone " + name + " is paired with both " + mapping.idOf(name) + " and " + id + "; " + mapping.idOf(name) + " is kept");
            }
        });
        context.put(ResourceTypes.ZONE_MAPPING, mapping);
        for (Subnet subnet : List.copyOf(context.all(ResourceTypes.SUBNET))) {
            if (subnet.availabilityZoneId().isEmpty()) {
                context.put(ResourceTypes.SUBNET, subnet.withZone(subnet.availabilityZone(), mapping.idOf(subnet.availabilityZone())));
            }
        }
    }
}
