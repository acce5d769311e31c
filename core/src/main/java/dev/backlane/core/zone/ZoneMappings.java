package dev.backlane.core.zone;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's zone mapping. A mapping pinned in the account's scope (by an admin call, a start
 * flag or an imported snapshot) wins; otherwise it is derived. In the regions AWS maps independently
 * per account (its oldest), the derived mapping is a permutation of the catalogue's zone IDs over its
 * zone names chosen by the SHA-256 of {@code account/region}: the same on every run and every server.
 * Account 000000000000, and every account in the other regions, gets the catalogue's mapping.
 */
public final class ZoneMappings {
    /** The default account, whose mapping is the catalogue's in every region. */
    public static final String CATALOGUE_ACCOUNT = "000000000000";

    private static final ZoneMappings STANDARD = new ZoneMappings(RegionCatalog.standard());

    private final RegionCatalog regions;
    /**
     * The derived mappings made so far, by {@code account/region}: a mapping is asked for on every connection through
     * an interface endpoint (its zone) and in its events, and deriving one is a SHA-256 and a shuffle.
     */
    private final Map<String, ZoneMapping> derivations = new ConcurrentHashMap<>();

    public ZoneMappings(RegionCatalog regions) {
        this.regions = requireNonNull(regions, "regions is null");
    }

    public static ZoneMappings standard() {
        return STANDARD;
    }

    public RegionCatalog regions() {
        return regions;
    }

    /** The account's mapping in the scope's region: the pinned one in {@code state}, else the derived one. */
    public ZoneMapping of(ScopeState state, Scope scope) {
        return state.find(ResourceTypes.ZONE_MAPPING, scope.region()).orElseGet(() -> derived(scope.account(), scope.region()));
    }

    public ZoneMapping of(World world, Scope scope) {
        return of(world.scope(scope), scope);
    }

    /** The mapping the account has when none is pinned; no zones for a region the catalogue does not know. */
    public ZoneMapping derived(String account, String region) {
        return derivations.computeIfAbsent(account + "/" + region, key -> derive(account, region));
    }

    private ZoneMapping derive(String account, String region) {
        Region found = regions.region(region).orElse(null);
        if (found == null) {
            return new ZoneMapping(region, List.of());
        }
        if (!found.independentlyMapped() || account.equals(CATALOGUE_ACCOUNT)) {
            return new ZoneMapping(region, found.zones());
        }
        List<String> names = found.zones().stream().map(AvailabilityZone::name).toList();
        List<String> ids = new ArrayList<>(found.zones().stream().map(AvailabilityZone::id).toList());
        byte[] digest = sha256(account + "/" + region);
        // Fisher-Yates driven by the digest: 32 bytes give 16 two-byte draws, more than any region's zones need.
        for (int i = ids.size() - 1, draw = 0; i > 0; i--, draw += 2) {
            int value = ((digest[draw % digest.length] & 0xff) << 8) | (digest[(draw + 1) % digest.length] & 0xff);
            java.util.Collections.swap(ids, i, value % (i + 1));
        }
        List<AvailabilityZone> zones = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            zones.add(new AvailabilityZone(names.get(i), ids.get(i)));
        }
        return new ZoneMapping(region, zones);
    }

    /**
     * The mapping that pairs what a snapshot of a real account says ({@code known}: zone name to zone ID,
     * kept as given) and, for the zones it does not mention, the account's derived pairs, as far as they
     * do not clash with the known ones; the names and IDs left over are paired in order.
     */
    public ZoneMapping completing(String account, String region, Map<String, String> known) {
        Map<String, String> pairs = new TreeMap<>();
        Set<String> usedIds = new HashSet<>();
        known.forEach((name, id) -> {
            if (!pairs.containsKey(name) && usedIds.add(id)) {
                pairs.put(name, id);
            }
        });
        List<String> leftoverNames = new ArrayList<>();
        List<AvailabilityZone> derived = derived(account, region).zones();
        for (AvailabilityZone zone : derived) {
            if (pairs.containsKey(zone.name())) {
                continue;
            }
            if (usedIds.add(zone.id())) {
                pairs.put(zone.name(), zone.id());
            } else {
                leftoverNames.add(zone.name());
            }
        }
        List<String> leftoverIds = derived.stream().map(AvailabilityZone::id).filter(id -> !usedIds.contains(id)).toList();
        for (int i = 0; i < Math.min(leftoverNames.size(), leftoverIds.size()); i++) {
            pairs.put(leftoverNames.get(i), leftoverIds.get(i));
        }
        List<AvailabilityZone> zones = new ArrayList<>();
        pairs.forEach((name, id) -> zones.add(new AvailabilityZone(name, id)));
        return new ZoneMapping(region, zones);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
