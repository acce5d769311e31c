package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * AvailabilityZones of describe-availability-zones: not resources (the region catalogue has them),
 * but they map zone names to zone IDs for items that give only the name, and tell a flat snapshot its region.
 */
final class AvailabilityZoneImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String name = text(item, "ZoneName");
        String id = text(item, "ZoneId");
        if (name != null && id != null) {
            context.zone(name, id);
        }
    }
}
