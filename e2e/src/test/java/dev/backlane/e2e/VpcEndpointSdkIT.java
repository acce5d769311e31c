package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * VPC endpoints through the SDK for Java v2: gateway endpoint routes, interface endpoint network
 * interfaces and DNS names, and the errors EC2 gives for what it refuses.
 */
class VpcEndpointSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String STS = "com.amazonaws.us-east-1.sts";
    /** Route 53's hosted zone for us-east-1's regional and zonal endpoint names. */
    private static final String VPCE_HOSTED_ZONE = "Z7HUB22UULQXV";

    /**
     * A VPC with DNS support and hostnames, and one subnet in each of the first three zones STS is offered
     * in, as this account names them (each account has its own zone names).
     */
    private record Network(String vpcId, List<String> subnetIds, List<String> zones) {}

    private static Network network(Ec2Client ec2, boolean dnsHostnames) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(dnsHostnames)));
        List<String> zones = ec2.describeVpcEndpointServices(r -> r.serviceNames(STS)).serviceDetails().get(0).availabilityZones().subList(0, 3);
        List<String> subnets = new java.util.ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            String cidr = "10.20." + i + ".0/24";
            subnets.add(ec2.createSubnet(r -> r.vpcId(vpcId).availabilityZone(zone).cidrBlock(cidr)).subnet().subnetId());
        }
        return new Network(vpcId, subnets, zones);
    }

    private static String securityGroup(Ec2Client ec2, String vpcId, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName(name).description(name)).groupId();
    }

    private static VpcEndpoint describe(Ec2Client ec2, String endpointId) {
        return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0);
    }

    private static List<NetworkInterface> interfacesOf(Ec2Client ec2, VpcEndpoint endpoint) {
        return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds())).networkInterfaces();
    }

    @Test
    void gatewayEndpointRoutesFollowItsRouteTables() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        String first = ec2.createRouteTable(r -> r.vpcId(network.vpcId())).routeTable().routeTableId();
        String second = ec2.createRouteTable(r -> r.vpcId(network.vpcId())).routeTable().routeTableId();
        String prefixList = ec2.describePrefixLists(r -> r.filters(filter("prefix-list-name", S3))).prefixLists().get(0).prefixListId();

        VpcEndpoint endpoint = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY)
                .routeTableIds(first)).vpcEndpoint();
        assertTrue(endpoint.vpcEndpointId().matches("vpce-[0-9a-f]{17}"), endpoint.vpcEndpointId());
        assertEquals("available", endpoint.stateAsString());
        assertEquals(List.of(), endpoint.networkInterfaceIds());
        assertEquals(List.of(), endpoint.dnsEntries());
        assertFalse(endpoint.privateDnsEnabled());
        assertEquals("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                endpoint.policyDocument());
        assertEquals(List.of(endpoint.vpcEndpointId()), endpointRoutes(ec2, first, prefixList));
        assertEquals(List.of(), endpointRoutes(ec2, second, prefixList));

        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(endpoint.vpcEndpointId()).addRouteTableIds(second).removeRouteTableIds(first));
        assertEquals(List.of(), endpointRoutes(ec2, first, prefixList));
        assertEquals(List.of(endpoint.vpcEndpointId()), endpointRoutes(ec2, second, prefixList));
        assertEquals(List.of(second), describe(ec2, endpoint.vpcEndpointId()).routeTableIds());

        assertAwsError("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(S3)
                .vpcEndpointType(VpcEndpointType.GATEWAY).subnetIds(network.subnetIds().get(0))));
        assertEquals(List.of(), ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(endpoint.vpcEndpointId())).unsuccessful());
        assertEquals(List.of(), endpointRoutes(ec2, second, prefixList), "deleting the endpoint removes its routes");
    }

    private static List<String> endpointRoutes(Ec2Client ec2, String routeTableId, String prefixListId) {
        RouteTable table = ec2.describeRouteTables(r -> r.routeTableIds(routeTableId)).routeTables().get(0);
        return table.routes().stream().filter(route -> prefixListId.equals(route.destinationPrefixListId())).map(Route::gatewayId).toList();
    }

    @Test
    void interfaceEndpointGetsAnInterfaceInsideEachSubnetWithItsGroupsAndAwsDnsNames() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        Network network = network(ec2, true);
        String group = securityGroup(ec2, network.vpcId(), "sts-endpoint");
        List<String> subnets = network.subnetIds().subList(0, 2);

        VpcEndpoint created = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS).vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(subnets).securityGroupIds(group).privateDnsEnabled(true)).vpcEndpoint();
        String id = created.vpcEndpointId();
        assertTrue(Set.of("pending", "available").contains(created.stateAsString()), created.stateAsString());
        assertEquals(Set.copyOf(subnets), Set.copyOf(created.subnetIds()));
        assertEquals(2, created.networkInterfaceIds().size());

        for (NetworkInterface eni : interfacesOf(ec2, created)) {
            String cidr = ec2.describeSubnets(r -> r.subnetIds(eni.subnetId())).subnets().get(0).cidrBlock();
            assertTrue(subnets.contains(eni.subnetId()), eni.subnetId());
            assertTrue(Ipv4Cidr.parse(cidr).orElseThrow().contains(Ipv4Address.parse(eni.privateIpAddress()).orElseThrow()), eni.privateIpAddress() + " in " + cidr);
            assertEquals(List.of(group), eni.groups().stream().map(g -> g.groupId()).toList());
            assertEquals("vpc_endpoint", eni.interfaceTypeAsString());
            assertTrue(eni.requesterManaged());
            assertEquals("VPC Endpoint Interface " + id, eni.description());
        }

        List<DnsEntry> dns = created.dnsEntries();
        String regional = dns.get(0).dnsName();
        assertTrue(regional.matches(id + "-[a-z0-9]{8}\\.sts\\.us-east-1\\.vpce\\.amazonaws\\.com"), regional);
        String prefix = regional.substring(0, regional.indexOf('.'));
        Set<String> zonal = dns.stream().map(DnsEntry::dnsName).filter(name -> name.startsWith(prefix + "-us-east-1")).collect(Collectors.toSet());
        assertEquals(Set.of(prefix + "-" + network.zones().get(0) + ".sts.us-east-1.vpce.amazonaws.com",
                prefix + "-" + network.zones().get(1) + ".sts.us-east-1.vpce.amazonaws.com"), zonal);
        assertTrue(dns.stream().anyMatch(entry -> entry.dnsName().equals("sts.us-east-1.amazonaws.com")), "the private DNS name: " + dns);
        assertEquals(4, dns.size(), dns.toString());
        dns.stream().filter(entry -> entry.dnsName().endsWith(".vpce.amazonaws.com"))
                .forEach(entry -> assertEquals(VPCE_HOSTED_ZONE, entry.hostedZoneId(), entry.dnsName()));

        assertAwsError("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetIds().get(2)).privateDnsEnabled(true)));
    }

    @Test
    void withoutSecurityGroupsTheVpcDefaultGroupIsUsed() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        String defaultGroup = ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", network.vpcId()), filter("group-name", "default")))
                .securityGroups().get(0).groupId();
        VpcEndpoint endpoint = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName("com.amazonaws.us-east-1.ssm")
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetIds().get(0)).privateDnsEnabled(false)).vpcEndpoint();
        assertEquals(List.of(defaultGroup), endpoint.groups().stream().map(g -> g.groupId()).toList());
        assertEquals(List.of(defaultGroup), interfacesOf(ec2, endpoint).get(0).groups().stream().map(g -> g.groupId()).toList());
    }

    @Test
    void twoSubnetsInOneZoneAreRefused() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        String sameZone = ec2.createSubnet(r -> r.vpcId(network.vpcId()).availabilityZone(network.zones().get(0)).cidrBlock("10.20.10.0/24"))
                .subnet().subnetId();
        assertAwsError("DuplicateSubnetsInSameZone", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetIds().get(0), sameZone)));
        assertEquals(List.of(), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", network.vpcId()))).vpcEndpoints(), "nothing is created");
        assertEquals(List.of(), ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", network.vpcId()))).networkInterfaces());
    }

    @Test
    void privateDnsNeedsTheVpcDnsAttributes() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, false);
        assertAwsError("InvalidParameter", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetIds().get(0)).privateDnsEnabled(true)));

        ec2.modifyVpcAttribute(r -> r.vpcId(network.vpcId()).enableDnsHostnames(v -> v.value(true)));
        VpcEndpoint endpoint = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetIds().get(0)).privateDnsEnabled(true)).vpcEndpoint();
        assertTrue(endpoint.privateDnsEnabled());
    }

    @Test
    void unknownServiceNamesAndBadPoliciesAreRefused() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        assertAwsError("InvalidServiceName", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId())
                .serviceName("com.amazonaws.us-east-1.no-such-service").vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(network.subnetIds().get(0))));
        assertAwsError("InvalidPolicyDocument", () -> ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(S3)
                .vpcEndpointType(VpcEndpointType.GATEWAY).policyDocument("{not json")));
        assertEquals(List.of(), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", network.vpcId()))).vpcEndpoints());

        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
        String id = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY)
                .policyDocument(policy)).vpcEndpoint().vpcEndpointId();
        assertEquals(policy, describe(ec2, id).policyDocument());
        assertAwsError("InvalidPolicyDocument", () -> ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).policyDocument("[]")));
        assertEquals(policy, describe(ec2, id).policyDocument(), "a refused policy changes nothing");
        String misspelled = policy.replace("s3:GetObject", "s3:GetObjects");
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).policyDocument(misspelled));
        assertEquals(misspelled, describe(ec2, id).policyDocument(), "AWS stores a policy naming an unknown action; it just never matches");
        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(id).resetPolicy(true));
        assertTrue(describe(ec2, id).policyDocument().contains("\"Action\":\"*\""));
    }

    @Test
    void addingAndRemovingSubnetsChangesTheInterfaces() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        String a = network.subnetIds().get(0);
        String b = network.subnetIds().get(1);
        String c = network.subnetIds().get(2);
        VpcEndpoint endpoint = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(STS).vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(a, b).privateDnsEnabled(false)).vpcEndpoint();
        String kept = interfacesOf(ec2, endpoint).stream().filter(eni -> eni.subnetId().equals(a)).findFirst().orElseThrow().networkInterfaceId();
        String removed = interfacesOf(ec2, endpoint).stream().filter(eni -> eni.subnetId().equals(b)).findFirst().orElseThrow()
                .networkInterfaceId();

        ec2.modifyVpcEndpoint(r -> r.vpcEndpointId(endpoint.vpcEndpointId()).addSubnetIds(c).removeSubnetIds(b));
        VpcEndpoint modified = describe(ec2, endpoint.vpcEndpointId());
        assertEquals(Set.of(a, c), Set.copyOf(modified.subnetIds()));
        List<NetworkInterface> interfaces = interfacesOf(ec2, modified);
        assertEquals(Set.of(a, c), interfaces.stream().map(NetworkInterface::subnetId).collect(Collectors.toSet()));
        assertTrue(modified.networkInterfaceIds().contains(kept), "the interface in the kept subnet stays");
        assertFalse(modified.networkInterfaceIds().contains(removed));
        assertAwsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(removed)));
        assertTrue(modified.dnsEntries().stream().anyMatch(entry -> entry.dnsName().contains("-" + network.zones().get(2) + ".")), modified.dnsEntries().toString());
        assertTrue(modified.dnsEntries().stream().noneMatch(entry -> entry.dnsName().contains("-" + network.zones().get(1) + ".")), modified.dnsEntries().toString());

        ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(endpoint.vpcEndpointId()));
        assertEquals(List.of(), ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", network.vpcId()))).networkInterfaces(),
                "deleting the endpoint releases its interfaces");
    }

    @Test
    void deletingUnknownEndpointsReportsThemAsUnsuccessful() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2, true);
        String id = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY))
                .vpcEndpoint().vpcEndpointId();
        List<UnsuccessfulItem> unsuccessful = ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id, "vpce-0123456789abcdef0", "vpce-nonsense"))
                .unsuccessful();
        assertEquals(List.of("vpce-0123456789abcdef0", "vpce-nonsense"), unsuccessful.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals(List.of("InvalidVpcEndpointId.NotFound", "InvalidVpcEndpointId.Malformed"),
                unsuccessful.stream().map(item -> item.error().code()).toList());
        assertEquals("deleting", ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString(),
                "a deleted endpoint is described while it is deleted, as on AWS");
    }
}
