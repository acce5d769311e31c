package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Transition;
import dev.backlane.server.TestApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterfaceEndpointOperationsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(TestApi.NOW);
    private final TestApi api = new TestApi(Quotas.awsDefaults(), now::get);
    private final EndpointFixture fixture = new EndpointFixture(api);

    private TestApi.Response ec2Endpoint(String... more) {
        String[] base = {"ServiceName", "com.amazonaws.us-east-1.ec2", "VpcEndpointType", "Interface"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return fixture.create(all);
    }

    private void later() {
        now.set(now.get().plus(Duration.ofSeconds(2)));
    }

    @Test
    void interfaceEndpointGetsOneRequesterManagedInterfacePerSubnetWithTheEndpointsGroup() {
        TestApi.Response created = ec2Endpoint("SubnetId.1", fixture.subnetA, "SubnetId.2", fixture.subnetB, "SecurityGroupId.1",
                fixture.groupId).assertOk();
        String id = created.text("//vpcEndpoint/vpcEndpointId");
        assertEquals("pending", created.text("//vpcEndpoint/state"));
        assertEquals("Interface", created.text("//vpcEndpoint/vpcEndpointType"));
        assertEquals(List.of(fixture.subnetA, fixture.subnetB), created.texts("//vpcEndpoint/subnetIdSet/item"));
        assertEquals(fixture.groupId, created.text("//vpcEndpoint/groupSet/item/groupId"));
        assertEquals("endpoints", created.text("//vpcEndpoint/groupSet/item/groupName"));
        assertEquals("true", created.text("//vpcEndpoint/privateDnsEnabled"), "private DNS defaults to on for AWS services");
        assertEquals("ipv4", created.text("//vpcEndpoint/ipAddressType"));
        assertEquals("ipv4", created.text("//vpcEndpoint/dnsOptions/dnsRecordIpType"));
        List<String> interfaces = created.texts("//vpcEndpoint/networkInterfaceIdSet/item");
        assertEquals(2, interfaces.size());

        TestApi.Response enis = api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", interfaces.get(0), "NetworkInterfaceId.2",
                interfaces.get(1)).assertOk();
        assertEquals(List.of("vpc_endpoint", "vpc_endpoint"), enis.texts("//networkInterfaceSet/item/interfaceType"));
        assertEquals(List.of("true", "true"), enis.texts("//networkInterfaceSet/item/requesterManaged"));
        assertEquals("VPC Endpoint Interface " + id, enis.text("//networkInterfaceSet/item/description"));
        assertEquals("727180483921", enis.text("//networkInterfaceSet/item/requesterId"));
        assertEquals(List.of("in-use", "in-use"), enis.texts("//networkInterfaceSet/item/status"), "AWS shows endpoint interfaces in use");
        assertEquals(List.of("amazon-aws", "amazon-aws"), enis.texts("//networkInterfaceSet/item/attachment/instanceOwnerId"));
        assertEquals(List.of("1", "1"), enis.texts("//networkInterfaceSet/item/attachment/deviceIndex"));
        assertEquals(List.of("attached", "attached"), enis.texts("//networkInterfaceSet/item/attachment/status"));
        assertTrue(enis.text("//networkInterfaceSet/item/attachment/attachmentId").startsWith("ela-attach-"));
        assertEquals(List.of(), enis.texts("//networkInterfaceSet/item/attachment/attachTime"), "AWS gives service attachments no time");
        assertEquals(List.of(), api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "status", "Filter.1.Value.1", "available",
                "Filter.2.Name", "interface-type", "Filter.2.Value.1", "vpc_endpoint").assertOk().texts("//networkInterfaceSet/item/networkInterfaceId"));
        assertEquals(List.of(fixture.groupId, fixture.groupId), enis.texts("//networkInterfaceSet/item/groupSet/item/groupId"));
        assertEquals("10.0.1.4", enis.text("//networkInterfaceSet/item[subnetId='" + fixture.subnetA + "']/privateIpAddress"));
        assertEquals("10.0.2.4", enis.text("//networkInterfaceSet/item[subnetId='" + fixture.subnetB + "']/privateIpAddress"));
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", interfaces.get(0)).assertError("InvalidParameterValue");

        later();
        assertEquals("available", fixture.describe(id).text("//vpcEndpointSet/item/state"));
    }

    @Test
    void dnsEntriesAreRegionalZonalAndPrivate() {
        String id = ec2Endpoint("SubnetId.1", fixture.subnetA, "SubnetId.2", fixture.subnetB).assertOk().text("//vpcEndpointId");
        TestApi.Response described = fixture.describe(id);
        List<String> names = described.texts("//dnsEntrySet/item/dnsName");
        assertEquals(4, names.size(), described.body());
        assertTrue(names.get(0).matches(id + "-[0-9a-z]{8}\\.ec2\\.us-east-1\\.vpce\\.amazonaws\\.com"), names.get(0));
        String suffix = names.get(0).substring(id.length() + 1, id.length() + 9);
        assertEquals(id + "-" + suffix + "-us-east-1a.ec2.us-east-1.vpce.amazonaws.com", names.get(1));
        assertEquals(id + "-" + suffix + "-us-east-1b.ec2.us-east-1.vpce.amazonaws.com", names.get(2));
        assertEquals("ec2.us-east-1.amazonaws.com", names.get(3));
        List<String> zones = described.texts("//dnsEntrySet/item/hostedZoneId");
        assertEquals(List.of("Z7HUB22UULQXV", "Z7HUB22UULQXV", "Z7HUB22UULQXV"), zones.subList(0, 3));
        assertTrue(zones.get(3).matches("Z[A-Z0-9]{20}"), zones.get(3));
        assertEquals(zones.get(3), fixture.describe(id).text("//dnsEntrySet/item[4]/hostedZoneId"), "the private zone is stable");

        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PrivateDnsEnabled", "false").assertOk();
        assertEquals(3, fixture.describe(id).texts("//dnsEntrySet/item").size());
    }

    @Test
    void theDefaultGroupIsUsedWhenNoneIsGiven() {
        String defaultGroup = api.ec2("DescribeSecurityGroups", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", fixture.vpcId, "Filter.2.Name",
                "group-name", "Filter.2.Value.1", "default").assertOk().text("//securityGroupInfo/item/groupId");
        TestApi.Response created = ec2Endpoint("SubnetId.1", fixture.subnetA).assertOk();
        assertEquals(List.of(defaultGroup), created.texts("//vpcEndpoint/groupSet/item/groupId"));
        assertEquals("default", created.text("//vpcEndpoint/groupSet/item/groupName"));
    }

    @Test
    void oneSubnetPerZoneInZonesTheServiceIsOfferedIn() {
        Object before = fixture.snapshot();
        TestApi.Response duplicate = ec2Endpoint("SubnetId.1", fixture.subnetA, "SubnetId.2", fixture.subnetA2)
                .assertError("DuplicateSubnetsInSameZone");
        assertEquals("Found another VPC endpoint subnet in the availability zone of " + fixture.subnetA2
                + ". VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.",
                duplicate.text("//Message"));
        String inE = fixture.subnet("10.0.9.0/24", "us-east-1e");
        before = fixture.snapshot();
        TestApi.Response unsupported = ec2Endpoint("SubnetId.1", inE).assertError("InvalidParameter");
        assertEquals("The VPC endpoint service com.amazonaws.us-east-1.ec2 does not support the availability zone of the subnet: " + inE + ".",
                unsupported.text("//Message"));
        assertSame(before, fixture.snapshot());
    }

    @Test
    void subnetsGroupsAndRouteTablesOfTheWrongKindAreRefusedAndNothingChanges() {
        String otherVpc = fixture.otherVpc();
        String otherSubnet = api.ec2("CreateSubnet", "VpcId", otherVpc, "CidrBlock", "10.1.1.0/24", "AvailabilityZone", "us-east-1b")
                .assertOk().text("//subnet/subnetId");
        String otherGroup = api.ec2("CreateSecurityGroup", "VpcId", otherVpc, "GroupName", "x", "GroupDescription", "x").assertOk()
                .text("//groupId");
        Object before = fixture.snapshot();
        assertTrue(ec2Endpoint("SubnetId.1", fixture.subnetA, "SubnetId.2", otherSubnet).assertError("InvalidParameter")
                .text("//Message").contains(otherSubnet));
        assertTrue(ec2Endpoint("SubnetId.1", fixture.subnetA, "SecurityGroupId.1", otherGroup).assertError("InvalidParameter")
                .text("//Message").contains(otherGroup));
        ec2Endpoint("SubnetId.1", fixture.subnetA, "RouteTableId.1", fixture.routeTableId).assertError("InvalidParameter");
        ec2Endpoint("SubnetId.1", "subnet-00000000000000999").assertError("InvalidSubnetID.NotFound");
        ec2Endpoint("SubnetId.1", fixture.subnetA, "SecurityGroupId.1", "sg-00000000000000999").assertError("InvalidGroup.NotFound");
        ec2Endpoint("SubnetId.1", fixture.subnetA, "PolicyDocument", "not json").assertError("InvalidPolicyDocument");
        assertSame(before, fixture.snapshot());
    }

    @Test
    void privateDnsNeedsTheVpcDnsAttributesAndOneEndpointPerServiceAndVpc() {
        ec2Endpoint("SubnetId.1", fixture.subnetA).assertOk();
        TestApi.Response conflict = ec2Endpoint("SubnetId.1", fixture.subnetB).assertError("InvalidParameter");
        assertEquals("private-dns-enabled cannot be set because there is already a conflicting DNS domain for ec2.us-east-1.amazonaws.com "
                + "in the VPC " + fixture.vpcId, conflict.text("//Message"));
        ec2Endpoint("SubnetId.1", fixture.subnetB, "PrivateDnsEnabled", "false").assertOk();

        String plain = fixture.otherVpc();
        String subnet = api.ec2("CreateSubnet", "VpcId", plain, "CidrBlock", "10.1.1.0/24", "AvailabilityZone", "us-east-1b").assertOk()
                .text("//subnet/subnetId");
        TestApi.Response noDns = api.ec2("CreateVpcEndpoint", "VpcId", plain, "ServiceName", "com.amazonaws.us-east-1.sts", "VpcEndpointType",
                "Interface", "SubnetId.1", subnet).assertError("InvalidParameter");
        assertEquals("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for " + plain,
                noDns.text("//Message"));
        api.ec2("CreateVpcEndpoint", "VpcId", plain, "ServiceName", "com.amazonaws.us-east-1.sts", "VpcEndpointType", "Interface",
                "SubnetId.1", subnet, "PrivateDnsEnabled", "false").assertOk();
    }

    @Test
    void s3InboundResolverOnlyNeedsAnS3GatewayEndpoint() {
        String[] s3 = {"ServiceName", "com.amazonaws.us-east-1.s3", "VpcEndpointType", "Interface", "SubnetId.1", fixture.subnetA,
                "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint", "true"};
        fixture.create(s3).assertError("InvalidParameter");
        ec2Endpoint("SubnetId.1", fixture.subnetB, "PrivateDnsEnabled", "false", "DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint", "true")
                .assertError("InvalidParameter");
        fixture.gateway("s3", fixture.routeTableId);
        TestApi.Response created = fixture.create(s3).assertOk();
        assertEquals("true", created.text("//vpcEndpoint/dnsOptions/privateDnsOnlyForInboundResolverEndpoint"));
        assertTrue(created.text("//vpcEndpoint/dnsEntrySet/item[1]/dnsName").startsWith("*.vpce-"), created.body());
    }

    @Test
    void ipAddressTypesNeedIpv6SubnetsAndServiceSupport() {
        ec2Endpoint("SubnetId.1", fixture.subnetA, "IpAddressType", "dualstack").assertError("InvalidParameter");
        fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "VpcEndpointType", "Interface", "SubnetId.1", fixture.subnetA,
                "IpAddressType", "dualstack").assertError("InvalidParameter");
        ec2Endpoint("SubnetId.1", fixture.subnetA, "DnsOptions.DnsRecordIpType", "ipv6").assertError("InvalidParameter");
        TestApi.Response created = ec2Endpoint("SubnetId.1", fixture.subnetA, "DnsOptions.DnsRecordIpType", "ipv4").assertOk();
        assertEquals("ipv4", created.text("//vpcEndpoint/dnsOptions/dnsRecordIpType"));
    }

    @Test
    void modifyAddsAndRemovesSubnetsAndGroupsAndTheInterfacesFollow() {
        TestApi.Response created = ec2Endpoint("SubnetId.1", fixture.subnetA, "SecurityGroupId.1", fixture.groupId).assertOk();
        String id = created.text("//vpcEndpointId");
        String firstInterface = created.text("//networkInterfaceIdSet/item");
        String second = api.ec2("CreateSecurityGroup", "VpcId", fixture.vpcId, "GroupName", "second", "GroupDescription", "second").assertOk()
                .text("//groupId");

        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddSubnetId.1", fixture.subnetB, "AddSecurityGroupId.1", second).assertOk();
        TestApi.Response described = fixture.describe(id);
        assertEquals(List.of(fixture.subnetA, fixture.subnetB), described.texts("//subnetIdSet/item"));
        List<String> interfaces = described.texts("//networkInterfaceIdSet/item");
        assertEquals(firstInterface, interfaces.get(0), "the kept subnet keeps its interface");
        assertEquals(List.of(fixture.groupId, second), described.texts("//groupSet/item/groupId"));
        assertEquals(List.of(fixture.groupId, second), api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", interfaces.get(1))
                .assertOk().texts("//groupSet/item/groupId"));

        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddSubnetId.1", fixture.subnetA2).assertError("DuplicateSubnetsInSameZone");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "RemoveSubnetId.1", fixture.subnetA, "RemoveSecurityGroupId.1", fixture.groupId)
                .assertOk();
        described = fixture.describe(id);
        assertEquals(List.of(fixture.subnetB), described.texts("//subnetIdSet/item"));
        assertEquals(List.of(interfaces.get(1)), described.texts("//networkInterfaceIdSet/item"));
        api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", firstInterface).assertError("InvalidNetworkInterfaceID.NotFound");
        assertEquals(List.of(second), api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", interfaces.get(1)).assertOk()
                .texts("//groupSet/item/groupId"));
        api.ec2("DeleteSecurityGroup", "GroupId", fixture.groupId).assertOk();
        api.ec2("DeleteSecurityGroup", "GroupId", second).assertError("DependencyViolation");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "RemoveSecurityGroupId.1", second).assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddRouteTableId.1", fixture.routeTableId).assertError("InvalidParameter");
    }

    @Test
    void subnetsInUseCannotBeDeletedAndDeleteReleasesTheAddresses() {
        String id = ec2Endpoint("SubnetId.1", fixture.subnetA).assertOk().text("//vpcEndpointId");
        api.ec2("DeleteSubnet", "SubnetId", fixture.subnetA).assertError("DependencyViolation");
        String count = api.ec2("DescribeSubnets", "SubnetId.1", fixture.subnetA).assertOk().text("//availableIpAddressCount");
        assertEquals("250", count);
        TestApi.Response deleted = api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id, "VpcEndpointId.2", "vpce-00000000000000999",
                "VpcEndpointId.3", "vpce-bad").assertOk();
        assertEquals(List.of("vpce-00000000000000999", "vpce-bad"), deleted.texts("//unsuccessful/item/resourceId"));
        assertEquals(List.of("InvalidVpcEndpointId.NotFound", "InvalidVpcEndpointId.Malformed"), deleted.texts("//unsuccessful/item/error/code"));
        assertEquals("The Vpc Endpoint Id 'vpce-00000000000000999' does not exist", deleted.text("//unsuccessful/item/error/message"));
        assertEquals("251", api.ec2("DescribeSubnets", "SubnetId.1", fixture.subnetA).assertOk().text("//availableIpAddressCount"));
        api.ec2("DeleteSubnet", "SubnetId", fixture.subnetA).assertOk();
        assertEquals(List.of(), api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk().texts("//unsuccessful/item/resourceId"),
                "deleting again while deleting changes nothing");
        later();
        assertEquals("InvalidVpcEndpointId.NotFound",
                api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk().text("//unsuccessful/item/error/code"));
    }

    @Test
    void deletedEndpointIsDeletingThenDeletedAndDescribedUntilItsRetentionEnds() {
        String id = ec2Endpoint("SubnetId.1", fixture.subnetA, "SecurityGroupId.1", fixture.groupId).assertOk().text("//vpcEndpointId");
        later();
        List<String> interfaces = fixture.describe(id).texts("//vpcEndpointSet/item/networkInterfaceIdSet/item");
        assertEquals(1, interfaces.size());
        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();

        TestApi.Response deleting = fixture.describe(id);
        assertEquals("deleting", deleting.text("//vpcEndpointSet/item/state"));
        assertEquals(List.of(), deleting.texts("//vpcEndpointSet/item/networkInterfaceIdSet/item"), "its interfaces go at once");
        api.ec2("DescribeNetworkInterfaces", "NetworkInterfaceId.1", interfaces.get(0)).assertError("InvalidNetworkInterfaceID.NotFound");
        assertEquals(List.of(id), api.ec2("DescribeVpcEndpoints", "Filter.1.Name", "vpc-endpoint-state", "Filter.1.Value.1", "deleting")
                .assertOk().texts("//vpcEndpointSet/item/vpcEndpointId"));
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PrivateDnsEnabled", "false").assertError("InvalidVpcEndpointId.NotFound");
        api.ec2("DeleteSecurityGroup", "GroupId", fixture.groupId).assertOk();

        now.set(now.get().plus(Transition.VPC_ENDPOINT_DELETING.standard()));
        assertEquals("deleted", fixture.describe(id).text("//vpcEndpointSet/item/state"));
        now.set(now.get().plus(Transition.VPC_ENDPOINT_RETENTION.standard()).minusMillis(1));
        assertEquals("deleted", fixture.describe(id).text("//vpcEndpointSet/item/state"));
        now.set(now.get().plusMillis(1));
        api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", id).assertError("InvalidVpcEndpointId.NotFound");
        assertEquals(List.of(), api.ec2("DescribeVpcEndpoints").assertOk().texts("//vpcEndpointSet/item/vpcEndpointId"));
        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();
        assertTrue(api.cloud().snapshot().scope(api.scope()).find(ResourceTypes.VPC_ENDPOINT, id).isEmpty(),
                "an endpoint no longer described is dropped by the next delete");
    }

    @Test
    void vpcWithOnlyADeletedEndpointCanBeDeleted() {
        String id = ec2Endpoint("SubnetId.1", fixture.subnetA).assertOk().text("//vpcEndpointId");
        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();
        for (String subnet : List.of(fixture.subnetA, fixture.subnetB, fixture.subnetA2)) {
            api.ec2("DeleteSubnet", "SubnetId", subnet).assertOk();
        }
        api.ec2("DeleteSecurityGroup", "GroupId", fixture.groupId).assertOk();
        api.ec2("DeleteRouteTable", "RouteTableId", fixture.routeTableId).assertOk();
        api.ec2("DeleteVpc", "VpcId", fixture.vpcId).assertOk();
    }

    @Test
    void servicesWithoutPolicySupportTakeOnlyTheFullAccessPolicy() {
        TestApi.Response created = fixture.create("ServiceName", "com.amazonaws.us-east-1.cloudformation", "VpcEndpointType", "Interface",
                "SubnetId.1", fixture.subnetA).assertOk();
        assertEquals(null, created.text("//vpcEndpoint/policyDocument"));
        String id = created.text("//vpcEndpointId");
        TestApi.Response refused = api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument",
                "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}").assertError("InvalidParameter");
        assertEquals("Service com.amazonaws.us-east-1.cloudformation only supports the full-access endpoint policy.", refused.text("//Message"));
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}").assertOk();
    }

    @Test
    void interfaceEndpointsPerVpcAreLimited() {
        TestApi limited = new TestApi(Quotas.awsDefaults().with("interface-endpoints-per-vpc", 1));
        EndpointFixture small = new EndpointFixture(limited);
        small.create("ServiceName", "com.amazonaws.us-east-1.sts", "VpcEndpointType", "Interface").assertOk();
        small.create("ServiceName", "com.amazonaws.us-east-1.kms", "VpcEndpointType", "Interface").assertError("VpcEndpointLimitExceeded");
        small.gateway("s3");
    }

    @Test
    void dryRunValidatesAndChangesNothing() {
        Object before = fixture.snapshot();
        ec2Endpoint("SubnetId.1", fixture.subnetA, "DryRun", "true").assertError(412, "DryRunOperation");
        ec2Endpoint("SubnetId.1", "subnet-00000000000000999", "DryRun", "true").assertError("InvalidSubnetID.NotFound");
        assertSame(before, fixture.snapshot());
        assertEquals(List.of(), api.ec2("DescribeVpcEndpoints").assertOk().texts("//vpcEndpointSet/item"));
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        TestApi.Response first = ec2Endpoint("SubnetId.1", fixture.subnetA, "ClientToken", "token-1").assertOk();
        TestApi.Response again = ec2Endpoint("SubnetId.1", fixture.subnetA, "ClientToken", "token-1").assertOk();
        assertEquals(first.text("//vpcEndpointId"), again.text("//vpcEndpointId"));
        assertEquals("token-1", again.text("//clientToken"));
        assertEquals(1, api.ec2("DescribeVpcEndpoints").assertOk().texts("//vpcEndpointSet/item").size());
        ec2Endpoint("SubnetId.1", fixture.subnetB, "ClientToken", "token-1").assertError("IdempotentParameterMismatch");
        assertNotEquals(first.text("//vpcEndpointId"), ec2Endpoint("SubnetId.1", fixture.subnetB, "PrivateDnsEnabled", "false").assertOk()
                .text("//vpcEndpointId"));
    }

    @Test
    void describeFiltersAndPages() {
        String gateway = fixture.gateway("s3", fixture.routeTableId);
        String iface = ec2Endpoint("SubnetId.1", fixture.subnetA, "TagSpecification.1.ResourceType", "vpc-endpoint",
                "TagSpecification.1.Tag.1.Key", "team", "TagSpecification.1.Tag.1.Value", "net").assertOk().text("//vpcEndpointId");
        assertEquals(List.of(gateway), ids("Filter.1.Name", "vpc-endpoint-type", "Filter.1.Value.1", "Gateway"));
        assertEquals(List.of(iface), ids("Filter.1.Name", "vpc-endpoint-state", "Filter.1.Value.1", "pending"));
        assertEquals(List.of(iface), ids("Filter.1.Name", "service-name", "Filter.1.Value.1", "*.ec2"));
        assertEquals(List.of(gateway, iface), ids("Filter.1.Name", "vpc-id", "Filter.1.Value.1", fixture.vpcId));
        assertEquals(List.of(gateway, iface), ids("Filter.1.Name", "service-region", "Filter.1.Value.1", "us-east-1"));
        assertEquals(List.of(gateway, iface), ids("Filter.1.Name", "ip-address-type", "Filter.1.Value.1", "ipv4"));
        assertEquals(List.of(iface), ids("Filter.1.Name", "tag:team", "Filter.1.Value.1", "net"));
        assertEquals(List.of(iface), ids("Filter.1.Name", "tag-key", "Filter.1.Value.1", "team"));
        assertEquals(List.of(gateway), ids("Filter.1.Name", "vpc-endpoint-id", "Filter.1.Value.1", gateway));
        later();
        assertEquals(List.of(gateway, iface), ids("Filter.1.Name", "vpc-endpoint-state", "Filter.1.Value.1", "available"));
        api.ec2("DescribeVpcEndpoints", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");

        TestApi.Response first = api.ec2("DescribeVpcEndpoints", "MaxResults", "1").assertOk();
        assertEquals(List.of(gateway), first.texts("//vpcEndpointSet/item/vpcEndpointId"));
        TestApi.Response second = api.ec2("DescribeVpcEndpoints", "MaxResults", "1", "NextToken", first.text("//nextToken")).assertOk();
        assertEquals(List.of(iface), second.texts("//vpcEndpointSet/item/vpcEndpointId"));
        assertEquals(null, second.text("//nextToken"));
        api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", "vpce-00000000000000999").assertError("InvalidVpcEndpointId.NotFound");
    }

    @Test
    void associationsAreEmptyForTheseEndpointsAndFiltersAreChecked() {
        String id = ec2Endpoint("SubnetId.1", fixture.subnetA).assertOk().text("//vpcEndpointId");
        TestApi.Response answered = api.ec2("DescribeVpcEndpointAssociations", "VpcEndpointId.1", id, "Filter.1.Name", "vpc-endpoint-id",
                "Filter.1.Value.1", id).assertOk();
        assertEquals(List.of(), answered.texts("//vpcEndpointAssociationSet/item"));
        api.ec2("DescribeVpcEndpointAssociations", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("DescribeVpcEndpointAssociations", "VpcEndpointId.1", "vpce-00000000000000999").assertError("InvalidVpcEndpointId.NotFound");
    }

    private List<String> ids(String... parameters) {
        return api.ec2("DescribeVpcEndpoints", parameters).assertOk().texts("//vpcEndpointSet/item/vpcEndpointId");
    }
}
