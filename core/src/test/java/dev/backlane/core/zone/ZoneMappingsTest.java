package dev.backlane.core.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZoneMappingsTest {
    private static final RegionCatalog REGIONS = RegionCatalog.standard();
    private static final ZoneMappings MAPPINGS = new ZoneMappings(REGIONS);
    /** 400 account IDs spread over the 12-digit space, the same every run. */
    private static final List<String> ACCOUNTS = IntStream.range(0, 400)
            .mapToObj(i -> String.format("%012d", (i * 2_654_435_761L + 12_345L) % 1_000_000_000_000L)).toList();

    @Test
    void theDefaultAccountKeepsTheCataloguesMappingEverywhere() {
        for (Region region : REGIONS.regions()) {
            assertEquals(region.zones(), MAPPINGS.derived(ZoneMappings.CATALOGUE_ACCOUNT, region.name()).zones(), region.name());
        }
    }

    @Test
    void regionsWithAUniformMappingGiveEveryAccountTheCataloguesMapping() {
        for (Region region : REGIONS.regions()) {
            if (region.independentlyMapped()) {
                continue;
            }
            for (String account : ACCOUNTS.subList(0, 20)) {
                assertEquals(region.zones(), MAPPINGS.derived(account, region.name()).zones(), account + " " + region.name());
            }
        }
    }

    @Test
    void everyDerivedMappingPairsTheRegionsNamesWithItsIdsOneToOne() {
        for (Region region : REGIONS.regions()) {
            Set<String> names = region.zones().stream().map(AvailabilityZone::name).collect(Collectors.toSet());
            Set<String> ids = region.zones().stream().map(AvailabilityZone::id).collect(Collectors.toSet());
            for (String account : ACCOUNTS) {
                ZoneMapping mapping = MAPPINGS.derived(account, region.name());
                assertEquals(names, mapping.zones().stream().map(AvailabilityZone::name).collect(Collectors.toSet()));
                assertEquals(ids, mapping.zones().stream().map(AvailabilityZone::id).collect(Collectors.toSet()));
                for (AvailabilityZone zone : mapping.zones()) {
                    assertEquals(zone.name(), mapping.nameOf(mapping.idOf(zone.name())));
                    assertEquals(zone.id(), mapping.idOf(mapping.nameOf(zone.id())));
                }
            }
        }
    }

    @Test
    void derivationIsTheSameOnEveryServerAndEveryRun() {
        // Pinned values: a change to the derivation would rename every account's zones under its users' feet.
        assertEquals(List.of(new AvailabilityZone("us-east-1a", "use1-az2"), new AvailabilityZone("us-east-1b", "use1-az3"),
                new AvailabilityZone("us-east-1c", "use1-az5"), new AvailabilityZone("us-east-1d", "use1-az4"),
                new AvailabilityZone("us-east-1e", "use1-az1"), new AvailabilityZone("us-east-1f", "use1-az6")),
                MAPPINGS.derived("111111111111", "us-east-1").zones());
        assertEquals(List.of(new AvailabilityZone("eu-west-1a", "euw1-az3"), new AvailabilityZone("eu-west-1b", "euw1-az2"),
                new AvailabilityZone("eu-west-1c", "euw1-az1")), MAPPINGS.derived("222222222222", "eu-west-1").zones());
        ZoneMappings another = new ZoneMappings(RegionCatalog.standard());
        for (String account : ACCOUNTS) {
            assertEquals(MAPPINGS.derived(account, "us-east-1"), another.derived(account, "us-east-1"));
        }
    }

    @Test
    void accountsDifferInTheOldRegions() {
        for (Region region : REGIONS.regions()) {
            if (!region.independentlyMapped()) {
                continue;
            }
            Set<String> firstZoneIds = new HashSet<>();
            for (String account : ACCOUNTS) {
                firstZoneIds.add(MAPPINGS.derived(account, region.name()).zones().get(0).id());
            }
            // Every zone is some account's "a": the derived mappings spread over the region's zones.
            assertEquals(region.zones().size(), firstZoneIds.size(), region.name());
        }
        assertNotEquals(MAPPINGS.derived("111111111111", "us-east-1").idOf("us-east-1a"),
                MAPPINGS.derived("222222222222", "us-east-1").idOf("us-east-1a"));
    }

    @Test
    void aPinnedMappingInTheScopeWinsOverTheDerivedOne() {
        Scope scope = new Scope("111111111111", "us-west-1");
        ZoneMapping pinned = new ZoneMapping("us-west-1", List.of(new AvailabilityZone("us-west-1a", "usw1-az1"),
                new AvailabilityZone("us-west-1b", "usw1-az3")));
        ScopeState state = World.builder().put(scope, ResourceTypes.ZONE_MAPPING, pinned).build().scope(scope);
        assertEquals(pinned, MAPPINGS.of(state, scope));
        assertEquals(MAPPINGS.derived("111111111111", "us-west-1"), MAPPINGS.of(World.empty(), scope));
    }

    @Test
    void completingKeepsWhatTheSnapshotSaysAndPairsTheRestOneToOne() {
        ZoneMapping mapping = MAPPINGS.completing("123456789012", "us-east-1", Map.of("us-east-1a", "use1-az1", "us-east-1c", "use1-az6"));
        assertEquals("use1-az1", mapping.idOf("us-east-1a"));
        assertEquals("use1-az6", mapping.idOf("us-east-1c"));
        assertEquals(6, mapping.zones().size());
        assertEquals(6, mapping.zones().stream().map(AvailabilityZone::id).distinct().count());
        assertEquals(REGIONS.region("us-east-1").orElseThrow().zones().stream().map(AvailabilityZone::id).collect(Collectors.toSet()),
                mapping.zones().stream().map(AvailabilityZone::id).collect(Collectors.toSet()));
    }

    @Test
    void namedSortsZoneIdsByTheAccountsNames() {
        ZoneMapping mapping = MAPPINGS.derived("111111111111", "us-east-1");
        List<AvailabilityZone> named = mapping.named(List.of("use1-az6", "use1-az2"));
        assertEquals(List.of(new AvailabilityZone("us-east-1a", "use1-az2"), new AvailabilityZone("us-east-1f", "use1-az6")), named);
        assertTrue(mapping.byName("us-east-1g").isEmpty());
    }
}
