package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcPeeringConnection;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FixtureSnapshotTest {
    private static final Scope US_EAST_1 = new Scope(AwsSnapshotFixtures.ACCOUNT, "us-east-1");
    private static final Scope US_EAST_2 = new Scope(AwsSnapshotFixtures.ACCOUNT, "us-east-2");

    /** Top-level key, the resource kind it becomes, and how to count its items (instances are inside reservations). */
    private static final Map<String, ResourceType<?>> KINDS = Map.ofEntries(
            Map.entry("Vpcs", ResourceTypes.VPC), Map.entry("Subnets", ResourceTypes.SUBNET), Map.entry("RouteTables", ResourceTypes.ROUTE_TABLE),
            Map.entry("SecurityGroups", ResourceTypes.SECURITY_GROUP), Map.entry("NetworkAcls", ResourceTypes.NETWORK_ACL),
            Map.entry("NetworkInterfaces", ResourceTypes.NETWORK_INTERFACE), Map.entry("InternetGateways", ResourceTypes.INTERNET_GATEWAY),
            Map.entry("NatGateways", ResourceTypes.NAT_GATEWAY), Map.entry("Addresses", ResourceTypes.ELASTIC_IP),
            Map.entry("VpcEndpoints", ResourceTypes.VPC_ENDPOINT), Map.entry("PrefixLists", ResourceTypes.PREFIX_LIST),
            Map.entry("VpcPeeringConnections", ResourceTypes.VPC_PEERING_CONNECTION));

    static Stream<String> snapshots() {
        return AwsSnapshotFixtures.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void countsOfEveryKindMatchTheFiles(String name) throws IOException {
        Path root = AwsSnapshotFixtures.path(name);
        Snapshot snapshot = SnapshotFolder.read(root);
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> inFiles = new java.util.HashMap<>();
        int instances = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                JsonNode document = json.readTree(file.toFile());
                document.fieldNames().forEachRemaining(key -> inFiles.merge(key, document.get(key).size(), Integer::sum));
                for (JsonNode reservation : document.path("Reservations")) {
                    instances += reservation.path("Instances").size();
                }
            }
        }
        for (Map.Entry<String, ResourceType<?>> kind : KINDS.entrySet()) {
            int expected = inFiles.getOrDefault(kind.getKey(), 0);
            assertEquals(expected, snapshot.report().itemsRead(kind.getKey()), name + " items read under " + kind.getKey());
            assertEquals(expected, snapshot.report().count(kind.getValue().name()), name + " " + kind.getValue().name());
        }
        assertEquals(instances, snapshot.report().count("instance"), name + " instances");
        assertEquals(inFiles.getOrDefault("Reservations", 0), snapshot.report().itemsRead("Reservations"));
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void everySubnetHasAKnownVpcAndAMainRouteTable(String name) {
        Snapshot snapshot = SnapshotFolder.read(AwsSnapshotFixtures.path(name));
        World world = snapshot.world();
        assertEquals(1, world.scopes().size(), name);
        Scope scope = world.scopes().iterator().next();
        assertEquals(AwsSnapshotFixtures.ACCOUNT, scope.account());
        for (Vpc vpc : world.all(scope, ResourceTypes.VPC)) {
            List<RouteTable> mains = world.all(scope, ResourceTypes.ROUTE_TABLE).stream()
                    .filter(table -> table.vpcId().equals(vpc.id()) && table.isMain()).toList();
            assertEquals(1, mains.size(), name + " main route table of " + vpc.id());
            assertTrue(mains.get(0).routes().stream().anyMatch(Route::isLocal), "local route in " + mains.get(0).id());
            assertTrue(world.all(scope, ResourceTypes.SECURITY_GROUP).stream()
                    .anyMatch(group -> group.vpcId().equals(vpc.id()) && group.isDefault()), "default group of " + vpc.id());
        }
        for (Subnet subnet : world.all(scope, ResourceTypes.SUBNET)) {
            assertTrue(world.find(scope, ResourceTypes.VPC, subnet.vpcId()).isPresent(), subnet.id());
            assertFalse(subnet.availabilityZoneId().isEmpty(), subnet.id() + " zone ID");
        }
        for (NetworkInterface eni : world.all(scope, ResourceTypes.NETWORK_INTERFACE)) {
            assertTrue(world.find(scope, ResourceTypes.SUBNET, eni.subnetId()).isPresent(), eni.id());
            eni.groupIds().forEach(group -> assertTrue(world.find(scope, ResourceTypes.SECURITY_GROUP, group).isPresent(), eni.id() + " " + group));
        }
        for (Instance instance : world.all(scope, ResourceTypes.INSTANCE)) {
            assertFalse(instance.networkInterfaceIds().isEmpty(), instance.id());
            NetworkInterface primary = world.find(scope, ResourceTypes.NETWORK_INTERFACE, instance.networkInterfaceIds().get(0)).orElseThrow();
            assertEquals(instance.id(), primary.attachment().instanceId());
            assertEquals(instance.privateIpAddress(), primary.privateIpAddress());
            assertEquals(instance.publicIpAddress(), primary.publicIp());
        }
    }

    @ParameterizedTest
    @MethodSource("snapshots")
    void ruleIdsAreTheSameOnEveryImportAndEachHasALocator(String name) {
        World first = SnapshotFolder.read(AwsSnapshotFixtures.path(name)).world();
        World second = SnapshotFolder.read(AwsSnapshotFixtures.path(name)).world();
        Scope scope = first.scopes().iterator().next();
        for (SecurityGroup group : first.all(scope, ResourceTypes.SECURITY_GROUP)) {
            assertEquals(group.rules(), second.find(scope, ResourceTypes.SECURITY_GROUP, group.id()).orElseThrow().rules());
            for (SecurityGroupRule rule : group.rules()) {
                assertTrue(ResourceTypes.SECURITY_GROUP_RULE.isWellFormed(rule.id()), rule.id());
                assertEquals(group.id(), first.find(scope, ResourceTypes.SECURITY_GROUP_RULE, rule.id()).orElseThrow().groupId());
            }
        }
    }

    @Test
    void gatewayEndpointRoutesItsPrefixListInItsRouteTables() {
        Snapshot snapshot = SnapshotFolder.read(AwsSnapshotFixtures.path("vpc-endpoint-gateway"));
        World world = snapshot.world();
        VpcEndpoint endpoint = world.find(US_EAST_1, ResourceTypes.VPC_ENDPOINT, "vpce-0b7357542bb7b83ec").orElseThrow();
        assertTrue(endpoint.isGateway());
        assertEquals("com.amazonaws.us-east-1.s3", endpoint.serviceName());
        assertEquals(dev.backlane.core.model.VpcEndpointState.AVAILABLE, endpoint.state());
        assertEquals(List.of("rtb-04f71fc2caa8d94cf", "rtb-0efde4139784b75b0"), endpoint.routeTableIds());
        assertTrue(endpoint.policyDocument().contains("\"Action\":\"*\""));
        assertEquals(Instant.parse("2020-05-09T05:01:38Z"), endpoint.creationTimestamp());
        for (String tableId : endpoint.routeTableIds()) {
            RouteTable table = world.find(US_EAST_1, ResourceTypes.ROUTE_TABLE, tableId).orElseThrow();
            Route route = table.routes().stream().filter(candidate -> "pl-63a5400a".equals(candidate.destinationPrefixListId())).findFirst()
                    .orElseThrow();
            assertEquals(endpoint.id(), route.gatewayId());
            assertEquals("active", route.recordedState());
        }
        assertEquals(List.of("54.231.0.0/17", "52.216.0.0/15", "3.5.16.0/21", "3.5.0.0/20"),
                world.find(US_EAST_1, ResourceTypes.PREFIX_LIST, "pl-63a5400a").orElseThrow().entries().stream()
                        .map(dev.backlane.core.model.PrefixListEntry::cidr).toList());
        assertTrue(world.find(US_EAST_1, ResourceTypes.ROUTE_TABLE, "rtb-04b2f3cdc92b48b05").orElseThrow().isMain());
        assertTrue(snapshot.report().brokenReferences().isEmpty(), snapshot.report().toText());
    }

    @Test
    void interfaceEndpointKeepsItsDnsEntriesGroupAndInterface() {
        Snapshot snapshot = SnapshotFolder.read(AwsSnapshotFixtures.path("vpc-endpoint-interface"));
        World world = snapshot.world();
        VpcEndpoint endpoint = world.find(US_EAST_1, ResourceTypes.VPC_ENDPOINT, "vpce-083c683a6be29b889").orElseThrow();
        assertEquals(dev.backlane.core.model.VpcEndpointType.INTERFACE, endpoint.type());
        assertTrue(endpoint.privateDnsEnabled());
        assertEquals("0h4w5u94", endpoint.dnsSuffix());
        // The names AWS gave follow from the suffix, as Backlane derives them for its own endpoints.
        List<dev.backlane.core.model.DnsEntry> derived = new dev.backlane.core.endpoint.VpcEndpointDnsEntries(
                dev.backlane.core.endpoint.AwsServiceCatalog.standard()).entries(endpoint,
                dev.backlane.core.endpoint.EndpointServiceLookup.awsServices().find(world, US_EAST_1, endpoint.serviceName(), "us-east-1"),
                world.scope(US_EAST_1));
        assertEquals(List.of("vpce-083c683a6be29b889-0h4w5u94.cloudtrail.us-east-1.vpce.amazonaws.com",
                "vpce-083c683a6be29b889-0h4w5u94-us-east-1a.cloudtrail.us-east-1.vpce.amazonaws.com", "cloudtrail.us-east-1.amazonaws.com"),
                derived.stream().map(dev.backlane.core.model.DnsEntry::dnsName).toList());
        assertEquals("Z7HUB22UULQXV", derived.get(0).hostedZoneId());
        assertEquals(List.of("sg-0973207c61f3466e1"), endpoint.groupIds());
        assertEquals(List.of("subnet-0bb8615d8368ece31"), endpoint.subnetIds());
        NetworkInterface eni = world.find(US_EAST_1, ResourceTypes.NETWORK_INTERFACE, "eni-0084b734451ba23ca").orElseThrow();
        assertEquals("vpc_endpoint", eni.interfaceType());
        assertTrue(eni.requesterManaged());
        assertEquals("10.1.101.97", eni.privateIpAddress());
        assertEquals("us-east-1a", eni.availabilityZone());
        assertEquals("use1-az2", eni.availabilityZoneId());
        assertEquals(List.of("sg-0973207c61f3466e1"), eni.groupIds());
        SecurityGroup group = world.find(US_EAST_1, ResourceTypes.SECURITY_GROUP, "sg-0973207c61f3466e1").orElseThrow();
        assertTrue(group.rules().stream().anyMatch(rule -> !rule.egress() && rule.ipProtocol().equals("tcp") && rule.fromPort() == 443
                && "0.0.0.0/0".equals(rule.cidrIpv4()) && "HTTP Access".equals(rule.description())));
        Vpc vpc = world.find(US_EAST_1, ResourceTypes.VPC, endpoint.vpcId()).orElseThrow();
        assertTrue(vpc.enableDnsSupport() && vpc.enableDnsHostnames(), "private DNS implies the VPC's DNS attributes");
        ServiceDetail cloudtrail = snapshot.endpointServices(US_EAST_1).stream()
                .filter(service -> service.serviceName().equals("com.amazonaws.us-east-1.cloudtrail")).findFirst().orElseThrow();
        assertTrue(cloudtrail.offeredIn("us-east-1a"));
        assertEquals(77, snapshot.endpointServices(US_EAST_1).size());
        assertEquals(Map.of("Name", "testing"), Map.copyOf(world.find(US_EAST_1, ResourceTypes.TAGS, vpc.id()).orElseThrow().tags()));
    }

    @Test
    void natGatewayWithItsAddressInterfaceAndTheRouteToIt() {
        World world = SnapshotFolder.read(AwsSnapshotFixtures.path("nat-gateway")).world();
        NatGateway nat = world.find(US_EAST_2, ResourceTypes.NAT_GATEWAY, "nat-07ab4846da51f4612").orElseThrow();
        assertEquals(NatGateway.State.AVAILABLE, nat.state(Instant.parse("2020-03-04T00:00:00Z")));
        assertEquals("3.135.127.225", nat.addresses().get(0).publicIp());
        assertEquals("eipalloc-0353e2d101e93f4a1", nat.addresses().get(0).allocationId());
        Subnet natSubnet = world.find(US_EAST_2, ResourceTypes.SUBNET, nat.subnetId()).orElseThrow();
        assertEquals(natSubnet.availabilityZone(), nat.availabilityZone());
        NetworkInterface eni = world.find(US_EAST_2, ResourceTypes.NETWORK_INTERFACE, "eni-017aaec115610308a").orElseThrow();
        assertEquals("nat_gateway", eni.interfaceType());
        assertEquals("10.1.250.210", eni.privateIpAddress());
        RouteTable privateTable = world.find(US_EAST_2, ResourceTypes.ROUTE_TABLE, "rtb-02fe228b42de92a7c").orElseThrow();
        Route defaultRoute = privateTable.routes().stream().filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).findFirst()
                .orElseThrow();
        assertEquals(nat.id(), defaultRoute.natGatewayId());
        assertEquals("subnet-06f469bcee42e408e", privateTable.associations().get(0).subnetId());
        Instance publicInstance = world.find(US_EAST_2, ResourceTypes.INSTANCE, "i-0b31b509174d7f5de").orElseThrow();
        assertEquals(List.of("eni-068fb5a0a9a57f23c"), publicInstance.networkInterfaceIds());
        assertEquals("18.216.129.140", publicInstance.publicIpAddress());
        assertTrue(publicInstance.isRunning());
    }

    @Test
    void peeringConnectionsLinkTheirVpcsAndTheRegionComesFromTheData() {
        Snapshot snapshot = SnapshotFolder.read(AwsSnapshotFixtures.path("vpc-peering"));
        World world = snapshot.world();
        assertEquals(java.util.Set.of(US_EAST_2), world.scopes());
        VpcPeeringConnection peering = world.find(US_EAST_2, ResourceTypes.VPC_PEERING_CONNECTION, "pcx-0b89b559e3319d6cf").orElseThrow();
        assertTrue(peering.isActive());
        assertEquals("vpc-0404e08ceddf7f650", peering.requester().vpcId());
        assertEquals(List.of("10.10.0.0/16"), peering.requester().cidrBlocks());
        assertEquals("vpc-00a31ce9d0c06675c", peering.accepter().vpcId());
        assertEquals("us-east-2", peering.accepter().region());
        assertEquals(peering.requester(), peering.peerOf("vpc-00a31ce9d0c06675c"));
        for (VpcPeeringConnection connection : world.all(US_EAST_2, ResourceTypes.VPC_PEERING_CONNECTION)) {
            assertTrue(world.find(US_EAST_2, ResourceTypes.VPC, connection.requester().vpcId()).isPresent());
            assertTrue(world.find(US_EAST_2, ResourceTypes.VPC, connection.accepter().vpcId()).isPresent());
        }
        RouteTable table = world.find(US_EAST_2, ResourceTypes.ROUTE_TABLE, "rtb-017c36290c9baf017").orElseThrow();
        Route blackhole = table.routes().stream().filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).findFirst().orElseThrow();
        assertEquals("blackhole", blackhole.recordedState());
        // The snapshot has no internet gateways: the route to one is a broken reference, reported, not fatal.
        assertEquals(1, snapshot.report().brokenReferences().size());
        ImportReport.BrokenReference broken = snapshot.report().brokenReferences().get(0);
        assertEquals("igw-0a2c9ae201b441bff", broken.missingId());
        assertEquals("internet-gateway", broken.missingKind());
        assertEquals("rtb-017c36290c9baf017", broken.resourceId());
    }

    @Test
    void keysNoImporterKnowsAreReported() {
        ImportReport report = SnapshotFolder.read(AwsSnapshotFixtures.path("public-private-subnet")).report();
        assertEquals(List.of("CustomerGateways", "VpnConnections", "VpnGateways"),
                report.unknownKeys().stream().map(ImportReport.UnknownKey::key).toList());
        assertEquals("aws_configs/VpnGateways.json", report.unknownKeys().get(2).file());
        assertNull(SnapshotFolder.read(AwsSnapshotFixtures.path("public-private-subnet")).world()
                .find(new Scope(AwsSnapshotFixtures.ACCOUNT, "us-east-2"), ResourceTypes.INSTANCE, "i-099cf38911942421c").orElseThrow()
                .publicIpAddress());
        assertNotNull(report.toJson());
    }
}
