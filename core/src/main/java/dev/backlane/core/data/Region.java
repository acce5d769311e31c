package dev.backlane.core.data;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.AvailabilityZone;
import java.util.List;
import java.util.Optional;

/**
 * An AWS commercial region and its Availability Zones. {@code zones} pairs names and IDs as account
 * 000000000000 sees them; in a region that is {@code independentlyMapped} (one of AWS's oldest), every
 * other account pairs them its own way (see {@code dev.backlane.core.zone.ZoneMappings}).
 */
public record Region(String name, String description, String optInStatus, boolean independentlyMapped, List<AvailabilityZone> zones) {
    public Region {
        requireNonNull(name, "name is null");
        requireNonNull(optInStatus, "optInStatus is null");
        zones = List.copyOf(requireNonNull(zones, "zones is null"));
    }

    public String endpoint() {
        return "ec2." + name + ".amazonaws.com";
    }

    /** The zone named {@code nameOrId}, by zone name ({@code us-east-1a}) or zone ID ({@code use1-az6}). */
    public Optional<AvailabilityZone> zone(String nameOrId) {
        return zones.stream().filter(zone -> zone.name().equals(nameOrId) || zone.id().equals(nameOrId)).findFirst();
    }
}
