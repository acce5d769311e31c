package dev.backlane.core.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ZoneMappingCommandsTest {
    private static final Scope SCOPE = new Scope("111111111111", "us-east-1");
    private static final Map<String, String> PINNED = pairs("use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6");

    private final ZoneMappings mappings = ZoneMappings.standard();
    private final ZoneMappingCommands commands = new ZoneMappingCommands(mappings);
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());

    @Test
    void defaultSubnetsAreNamedByTheAccountsDerivedMapping() {
        ZoneMapping derived = mappings.derived(SCOPE.account(), SCOPE.region());
        for (Subnet subnet : cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.SUBNET)) {
            assertEquals(derived.idOf(subnet.availabilityZone()), subnet.availabilityZoneId());
        }
    }

    @Test
    void pinningRenamesTheDefaultSubnetsZonesAndKeepsThemWhereTheyAre() {
        Map<String, String> idsBefore = subnetZoneIdsById();
        ZoneMapping pinned = cloud.write(SCOPE, transaction -> commands.pin(transaction, PINNED));
        assertEquals(pinned, mappings.of(cloud.snapshot(), SCOPE));
        assertEquals(idsBefore, subnetZoneIdsById());
        for (Subnet subnet : cloud.snapshot().all(SCOPE, ResourceTypes.SUBNET)) {
            assertEquals(PINNED.get(subnet.availabilityZone()), subnet.availabilityZoneId(), subnet.id());
        }
    }

    @Test
    void subnetsCreatedAfterPinningUseThePinnedNames() {
        cloud.write(SCOPE, transaction -> commands.pin(transaction, PINNED));
        Subnet subnet = cloud.write(SCOPE, transaction -> {
            Vpc vpc = new VpcCommands(Quotas.awsDefaults()).create(transaction, dev.backlane.core.net.Ipv4Cidr.parse("10.0.0.0/16").orElseThrow(),
                    false, "default", false);
            return new SubnetCommands(Quotas.awsDefaults(), RegionCatalog.standard()).create(transaction,
                    new SubnetCommands.CreateSubnet(vpc.id(), "10.0.0.0/24", null, "us-east-1c", null));
        });
        assertEquals("use1-az3", subnet.availabilityZoneId());
    }

    @Test
    void aMappingCannotChangeOnceTheAccountPlacedSomethingInItsZones() {
        cloud.write(SCOPE, transaction -> {
            Vpc vpc = new VpcCommands(Quotas.awsDefaults()).create(transaction, dev.backlane.core.net.Ipv4Cidr.parse("10.0.0.0/16").orElseThrow(),
                    false, "default", false);
            return new SubnetCommands(Quotas.awsDefaults(), RegionCatalog.standard()).create(transaction,
                    new SubnetCommands.CreateSubnet(vpc.id(), "10.0.0.0/24", null, "us-east-1c", null));
        });
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.pin(transaction, PINNED)));
        assertEquals(ErrorCode.INCORRECT_STATE, error.code());
        assertTrue(cloud.snapshot().find(SCOPE, ResourceTypes.ZONE_MAPPING, SCOPE.region()).isEmpty());
        // The mapping the account already has may be pinned at any time: nothing is renamed.
        Map<String, String> current = mappings.derived(SCOPE.account(), SCOPE.region()).zones().stream()
                .collect(Collectors.toMap(AvailabilityZone::name, AvailabilityZone::id));
        cloud.write(SCOPE, transaction -> commands.pin(transaction, current));
        assertTrue(cloud.snapshot().find(SCOPE, ResourceTypes.ZONE_MAPPING, SCOPE.region()).isPresent());
    }

    @Test
    void aMappingMustPairEveryZoneOfTheRegionOnce() {
        Map<String, String> repeated = new TreeMap<>(PINNED);
        repeated.put("us-east-1f", "use1-az1");
        Map<String, String> missing = new TreeMap<>(PINNED);
        missing.remove("us-east-1f");
        Map<String, String> foreign = new TreeMap<>(PINNED);
        foreign.put("us-east-1f", "usw2-az1");
        for (Map<String, String> wrong : java.util.List.of(repeated, missing, foreign)) {
            AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.pin(transaction, wrong)));
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, error.code(), wrong.toString());
            assertTrue(error.getMessage().contains("us-east-1"), error.getMessage());
        }
    }

    @Test
    void unpinningBringsBackTheDerivedMapping() {
        cloud.write(SCOPE, transaction -> commands.pin(transaction, PINNED));
        ZoneMapping derived = cloud.write(SCOPE, commands::unpin);
        assertEquals(mappings.derived(SCOPE.account(), SCOPE.region()), derived);
        assertEquals(derived, mappings.of(cloud.snapshot(), SCOPE));
        for (Subnet subnet : cloud.snapshot().all(SCOPE, ResourceTypes.SUBNET)) {
            assertEquals(derived.idOf(subnet.availabilityZone()), subnet.availabilityZoneId());
        }
    }

    private Map<String, String> subnetZoneIdsById() {
        return cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.SUBNET).stream().collect(Collectors.toMap(Subnet::id, Subnet::availabilityZoneId));
    }

    /** us-east-1a..f paired with the IDs in order. */
    private static Map<String, String> pairs(String... ids) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            pairs.put("us-east-1" + (char) ('a' + i), ids[i]);
        }
        return pairs;
    }
}
