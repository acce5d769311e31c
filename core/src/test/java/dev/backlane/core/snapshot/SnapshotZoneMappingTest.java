package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotZoneMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope SCOPE = new Scope("123456789012", "us-east-1");
    private static final String DIRECTORY = "aws_configs/123456789012/us-east-1/";

    @Test
    void subnetsPinTheZoneMappingTheRealAccountHas() throws Exception {
        Snapshot snapshot = read(Map.of("Subnets.json", """
                {"Subnets": [
                  {"SubnetId": "subnet-0aaaaaaaaaaaaaaaa", "VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.1.0/24",
                   "AvailabilityZone": "us-east-1a", "AvailabilityZoneId": "use1-az1"},
                  {"SubnetId": "subnet-0bbbbbbbbbbbbbbbb", "VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.2.0/24",
                   "AvailabilityZone": "us-east-1b", "AvailabilityZoneId": "use1-az4"},
                  {"SubnetId": "subnet-0cccccccccccccccc", "VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.3.0/24",
                   "AvailabilityZone": "us-east-1c"}
                ]}"""));
        ZoneMapping mapping = snapshot.world().find(SCOPE, ResourceTypes.ZONE_MAPPING, "us-east-1").orElseThrow();
        assertEquals("use1-az1", mapping.idOf("us-east-1a"));
        assertEquals("use1-az4", mapping.idOf("us-east-1b"));
        assertEquals(6, mapping.zones().stream().map(AvailabilityZone::id).distinct().count());
        assertEquals(mapping, ZoneMappings.standard().of(snapshot.world(), SCOPE));
        Subnet withoutId = snapshot.world().find(SCOPE, ResourceTypes.SUBNET, "subnet-0cccccccccccccccc").orElseThrow();
        assertEquals(mapping.idOf("us-east-1c"), withoutId.availabilityZoneId());
        assertTrue(!withoutId.availabilityZoneId().equals("use1-az1") && !withoutId.availabilityZoneId().equals("use1-az4"));
    }

    @Test
    void describeAvailabilityZonesGivesTheWholeMapping() throws Exception {
        Snapshot snapshot = read(Map.of("AvailabilityZones.json", """
                {"AvailabilityZones": [
                  {"ZoneName": "us-east-1a", "ZoneId": "use1-az3"}, {"ZoneName": "us-east-1b", "ZoneId": "use1-az5"},
                  {"ZoneName": "us-east-1c", "ZoneId": "use1-az1"}, {"ZoneName": "us-east-1d", "ZoneId": "use1-az6"},
                  {"ZoneName": "us-east-1e", "ZoneId": "use1-az2"}, {"ZoneName": "us-east-1f", "ZoneId": "use1-az4"}
                ]}""", "Subnets.json", """
                {"Subnets": [{"SubnetId": "subnet-0aaaaaaaaaaaaaaaa", "VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.1.0/24",
                   "AvailabilityZone": "us-east-1d"}]}"""));
        ZoneMapping mapping = ZoneMappings.standard().of(snapshot.world(), SCOPE);
        assertEquals(Map.of("us-east-1a", "use1-az3", "us-east-1b", "use1-az5", "us-east-1c", "use1-az1", "us-east-1d", "use1-az6",
                "us-east-1e", "use1-az2", "us-east-1f", "use1-az4"), pairs(mapping));
        assertEquals("use1-az6", snapshot.world().find(SCOPE, ResourceTypes.SUBNET, "subnet-0aaaaaaaaaaaaaaaa").orElseThrow().availabilityZoneId());
    }

    @Test
    void aSnapshotWithoutZonesLeavesTheDerivedMapping() throws Exception {
        Snapshot snapshot = read(Map.of("Vpcs.json", """
                {"Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.0.0/16", "OwnerId": "123456789012"}]}"""));
        assertTrue(snapshot.world().find(SCOPE, ResourceTypes.ZONE_MAPPING, "us-east-1").isEmpty());
    }

    private static Map<String, String> pairs(ZoneMapping mapping) {
        Map<String, String> pairs = new LinkedHashMap<>();
        mapping.zones().forEach(zone -> pairs.put(zone.name(), zone.id()));
        return pairs;
    }

    private static Snapshot read(Map<String, String> files) throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
            documents.put(DIRECTORY + file.getKey(), JSON.readTree(file.getValue()));
        }
        return new SnapshotReader(AwsPrefixListCatalog.standard()).readDocuments(documents);
    }
}
