package dev.backlane.core.zone;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.Region;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pins an account's zone mapping in a region, or removes the pin so the derived mapping applies again.
 * AWS never renames an account's zones, so a mapping can change only before anything is placed in
 * them: while the account's only subnets in the region are its default ones (which take their zone's
 * new name) and it has no network interfaces. Pinning the mapping it already has is always allowed.
 */
public final class ZoneMappingCommands {
    private final ZoneMappings mappings;

    public ZoneMappingCommands(ZoneMappings mappings) {
        this.mappings = requireNonNull(mappings, "mappings is null");
    }

    /** Pins {@code zoneIdsByName} (every zone name of the region to a distinct zone ID of the region). */
    public ZoneMapping pin(Transaction transaction, Map<String, String> zoneIdsByName) {
        Region region = mappings.regions().region(transaction.region()).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid region: %s", transaction.region()));
        List<AvailabilityZone> zones = new ArrayList<>();
        zoneIdsByName.forEach((name, id) -> zones.add(new AvailabilityZone(name, id)));
        TreeSet<String> names = new TreeSet<>(zoneIdsByName.keySet());
        TreeSet<String> ids = new TreeSet<>(zoneIdsByName.values());
        TreeSet<String> regionNames = new TreeSet<>(region.zones().stream().map(AvailabilityZone::name).toList());
        TreeSet<String> regionIds = new TreeSet<>(region.zones().stream().map(AvailabilityZone::id).toList());
        if (!names.equals(regionNames) || ids.size() != zoneIdsByName.size() || !ids.equals(regionIds)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "A zone mapping for %s must pair each of the zone names %s with a different one of the zone IDs %s; got %s",
                    region.name(), String.join(", ", regionNames), String.join(", ", regionIds), zoneIdsByName);
        }
        ZoneMapping mapping = new ZoneMapping(region.name(), zones);
        apply(transaction, mapping);
        transaction.put(ResourceTypes.ZONE_MAPPING, mapping);
        return mapping;
    }

    /** Removes the pinned mapping; the account's derived mapping applies again. Gives that mapping. */
    public ZoneMapping unpin(Transaction transaction) {
        ZoneMapping derived = mappings.derived(transaction.account(), transaction.region());
        apply(transaction, derived);
        if (transaction.find(ResourceTypes.ZONE_MAPPING, transaction.region()).isPresent()) {
            transaction.remove(ResourceTypes.ZONE_MAPPING, transaction.region());
        }
        return derived;
    }

    private void apply(Transaction transaction, ZoneMapping next) {
        ZoneMapping current = mappings.of(transaction.state(), transaction.scope());
        if (current.zones().equals(next.zones())) {
            return;
        }
        List<String> placed = new ArrayList<>();
        transaction.all(ResourceTypes.SUBNET).stream().filter(subnet -> !subnet.defaultForAz()).forEach(subnet -> placed.add(subnet.id()));
        transaction.all(ResourceTypes.NETWORK_INTERFACE).forEach(eni -> placed.add(eni.id()));
        if (!placed.isEmpty()) {
            throw AwsException.of(ErrorCode.INCORRECT_STATE,
                    "The zone mapping of account %s in %s can no longer change: %s already placed in its zones (%s)", transaction.account(),
                    transaction.region(), placed.size() == 1 ? "a resource is" : placed.size() + " resources are",
                    String.join(", ", placed.subList(0, Math.min(placed.size(), 5))));
        }
        for (Subnet subnet : List.copyOf(transaction.all(ResourceTypes.SUBNET))) {
            String name = next.nameOf(subnet.availabilityZoneId());
            if (!name.equals(subnet.availabilityZone())) {
                transaction.put(ResourceTypes.SUBNET, subnet.withZone(name, subnet.availabilityZoneId()));
            }
        }
    }
}
