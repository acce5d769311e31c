package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one account names the Availability Zones of one region: each zone name paired with the zone ID
 * (the physical zone, the same in every account), sorted by name. As a resource (kind
 * {@code zone-mapping}, its ID the region's name) it is a pinned mapping stored in the account's scope.
 */
public record ZoneMapping(String id, List<AvailabilityZone> zones) implements Resource {
    public ZoneMapping {
        requireNonNull(id, "id is null");
        zones = requireNonNull(zones, "zones is null").stream().sorted(Comparator.comparing(AvailabilityZone::name)).toList();
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (AvailabilityZone zone : zones) {
            if (!names.add(zone.name()) || !ids.add(zone.id())) {
                throw new IllegalArgumentException("zone " + zone.name() + " or " + zone.id() + " is paired twice in " + id);
            }
        }
    }

    /** The region the mapping is for (the resource's ID). */
    public String region() {
        return id;
    }

    /** The zone of this name ({@code us-east-1a}). */
    public Optional<AvailabilityZone> byName(String name) {
        return zones.stream().filter(zone -> zone.name().equals(name)).findFirst();
    }

    /** The zone of this zone ID ({@code use1-az6}). */
    public Optional<AvailabilityZone> byId(String zoneId) {
        return zones.stream().filter(zone -> zone.id().equals(zoneId)).findFirst();
    }

    /** The zone named by its name or by its zone ID. */
    public Optional<AvailabilityZone> zone(String nameOrId) {
        return byName(nameOrId).or(() -> byId(nameOrId));
    }

    /** The name this account gives the zone ID; the ID itself when the region has no such zone. */
    public String nameOf(String zoneId) {
        return byId(zoneId).map(AvailabilityZone::name).orElse(zoneId);
    }

    /** The zone ID of this account's zone name; the name itself when the region has no such zone. */
    public String idOf(String name) {
        return byName(name).map(AvailabilityZone::id).orElse(name);
    }

    /** The zone IDs as this account names them, sorted by name. */
    public List<AvailabilityZone> named(List<String> zoneIds) {
        return zoneIds.stream().map(zoneId -> byId(zoneId).orElse(new AvailabilityZone(zoneId, zoneId)))
                .sorted(Comparator.comparing(AvailabilityZone::name)).distinct().toList();
    }

    /** Whether both pair the same names with the same IDs. */
    public boolean samePairs(ZoneMapping other) {
        return zones.equals(other.zones);
    }
}
