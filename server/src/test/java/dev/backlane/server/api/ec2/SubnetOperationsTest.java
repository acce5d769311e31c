package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.TestApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetOperationsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    private final TestApi api = new TestApi();

    private String vpc(String cidr) {
        return api.ec2("CreateVpc", "CidrBlock", cidr).assertOk().text("//vpc/vpcId");
    }

    private String subnet(String vpcId, String cidr, String... more) {
        List<String> parameters = new ArrayList<>(List.of("VpcId", vpcId, "CidrBlock", cidr));
        parameters.addAll(List.of(more));
        return api.ec2("CreateSubnet", parameters.toArray(String[]::new)).assertOk().text("//subnet/subnetId");
    }

    private ScopeState state() {
        return api.cloud().snapshot().scope(SCOPE);
    }

    @Test
    void defaultVpcHasOneDefaultSubnetPerZoneWithAwsAddressCount() {
        TestApi.Response response = api.ec2("DescribeSubnets", "Filter.1.Name", "default-for-az", "Filter.1.Value.1", "true").assertOk();
        List<String> zones = response.texts("//subnetSet/item/availabilityZone");
        assertEquals(6, zones.size(), response.body());
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"), zones.stream().sorted().toList());
        assertEquals(List.of("4091"), response.texts("//subnetSet/item/availableIpAddressCount").stream().distinct().toList());
        assertEquals(List.of("true"), response.texts("//subnetSet/item/mapPublicIpOnLaunch").stream().distinct().toList());
        assertTrue(response.texts("//subnetSet/item/cidrBlock").contains("172.31.0.0/20"), response.body());
        assertEquals(List.of("ip-name"), response.texts("//subnetSet/item/privateDnsNameOptionsOnLaunch/hostnameType").stream().distinct().toList());
    }

    @Test
    void createSubnetDescribesWithAwsShape() {
        String vpcId = vpc("10.0.0.0/16");
        TestApi.Response created = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.1.0/24", "AvailabilityZone", "us-east-1c",
                "TagSpecification.1.ResourceType", "subnet", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "web").assertOk();
        String subnetId = created.text("//subnet/subnetId");
        assertTrue(subnetId.matches("subnet-[0-9a-f]{17}"), subnetId);
        assertEquals("251", created.text("//subnet/availableIpAddressCount"));
        assertEquals("use1-az2", created.text("//subnet/availabilityZoneId"));
        assertEquals("false", created.text("//subnet/defaultForAz"));
        assertEquals("false", created.text("//subnet/mapPublicIpOnLaunch"));
        assertEquals("available", created.text("//subnet/state"));
        assertEquals("arn:aws:ec2:us-east-1:000000000000:subnet/" + subnetId, created.text("//subnet/subnetArn"));
        assertEquals("web", created.text("//subnet/tagSet/item[key='Name']/value"));
        TestApi.Response described = api.ec2("DescribeSubnets", "SubnetId.1", subnetId).assertOk();
        assertEquals(vpcId, described.text("//subnetSet/item/vpcId"));
        assertEquals("000000000000", described.text("//subnetSet/item/ownerId"));
        assertEquals("false", described.text("//subnetSet/item/ipv6Native"));
        assertEquals("off", described.text("//subnetSet/item/blockPublicAccessStates/internetGatewayBlockMode"));
    }

    @Test
    void zoneByIdAndInvalidZonesNamingTheParameter() {
        String vpcId = vpc("10.0.0.0/16");
        String byId = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.1.0/24", "AvailabilityZoneId", "use1-az6")
                .assertOk().text("//subnet/availabilityZone");
        TestApi.Response zoneIdSubnet = api.ec2("DescribeSubnets", "Filter.1.Name", "availability-zone-id", "Filter.1.Value.1", "use1-az6",
                "Filter.2.Name", "vpc-id", "Filter.2.Value.1", vpcId);
        assertEquals(List.of(byId), zoneIdSubnet.texts("//subnetSet/item/availabilityZone"));
        TestApi.Response bad = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.2.0/24", "AvailabilityZone", "us-east-1z")
                .assertError("InvalidParameterValue");
        assertEquals("Value (us-east-1z) for parameter availabilityZone is invalid. Subnets can currently only be created in the following "
                + "availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.", bad.text("//Message"));
        assertTrue(api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.2.0/24", "AvailabilityZoneId", "use1-az99")
                .assertError("InvalidParameterValue").text("//Message").contains("availabilityZoneId"));
    }

    @Test
    void zoneIsChosenWhereTheVpcHasFewestSubnets() {
        String vpcId = vpc("10.0.0.0/16");
        List<String> zones = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            zones.add(api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0." + i + ".0/24").assertOk().text("//subnet/availabilityZone"));
        }
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f", "us-east-1a"), zones);
    }

    @Test
    void cidrRulesGiveAwsErrors() {
        String vpcId = vpc("10.0.0.0/16");
        TestApi.Response notCidr = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.0.1/24").assertError("InvalidParameterValue");
        assertEquals("Value (10.0.0.1/24) for parameter cidrBlock is invalid. This is not a valid CIDR block.", notCidr.text("//Message"));
        assertEquals("The CIDR '10.0.0.0/29' is invalid.",
                api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.0.0/29").assertError("InvalidSubnet.Range").text("//Message"));
        api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.0.0/15").assertError("InvalidSubnet.Range");
        assertEquals("The CIDR '10.1.0.0/24' is invalid.",
                api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.1.0.0/24").assertError("InvalidSubnet.Range").text("//Message"));
        subnet(vpcId, "10.0.0.0/20");
        assertEquals("The CIDR '10.0.1.0/24' conflicts with another subnet",
                api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.1.0/24").assertError("InvalidSubnet.Conflict").text("//Message"));
        api.ec2("CreateSubnet", "VpcId", vpcId).assertError("MissingParameter");
        api.ec2("CreateSubnet", "VpcId", "vpc-0000000000000abcd", "CidrBlock", "10.0.0.0/24").assertError("InvalidVpcID.NotFound");
        // the same block in another VPC does not conflict
        subnet(vpc("10.0.0.0/16"), "10.0.0.0/20");
    }

    @Test
    void subnetInASecondaryVpcCidr() {
        String vpcId = vpc("10.0.0.0/16");
        api.ec2("AssociateVpcCidrBlock", "VpcId", vpcId, "CidrBlock", "10.1.0.0/16").assertOk();
        subnet(vpcId, "10.1.5.0/24");
    }

    @Test
    void newSubnetJoinsTheDefaultAclAndDeleteRemovesItsAssociations() {
        String vpcId = vpc("10.0.0.0/16");
        String subnetId = subnet(vpcId, "10.0.1.0/24");
        NetworkAcl acl = state().all(ResourceTypes.NETWORK_ACL).stream().filter(a -> a.vpcId().equals(vpcId)).findFirst().orElseThrow();
        assertTrue(acl.isDefault());
        assertEquals(1, acl.associations().stream().filter(a -> a.subnetId().equals(subnetId)).count());
        assertTrue(acl.associations().get(0).id().startsWith("aclassoc-"));

        // a route table association, as AssociateRouteTable would make it
        api.cloud().write(SCOPE, transaction -> {
            RouteTable table = transaction.all(ResourceTypes.ROUTE_TABLE).stream().filter(t -> t.vpcId().equals(vpcId)).findFirst().orElseThrow();
            List<RouteTableAssociation> associations = new ArrayList<>(table.associations());
            associations.add(new RouteTableAssociation("rtbassoc-00000000000000fff", table.id(), subnetId, null, false, "associated"));
            return transaction.put(ResourceTypes.ROUTE_TABLE, table.withAssociations(associations));
        });
        api.ec2("DeleteSubnet", "SubnetId", subnetId).assertOk();
        assertTrue(state().all(ResourceTypes.NETWORK_ACL).stream().flatMap(a -> a.associations().stream()).noneMatch(a -> a.subnetId().equals(subnetId)));
        RouteTable table = state().all(ResourceTypes.ROUTE_TABLE).stream().filter(t -> t.vpcId().equals(vpcId)).findFirst().orElseThrow();
        assertTrue(table.associations().stream().noneMatch(a -> subnetId.equals(a.subnetId())));
        assertTrue(table.isMain(), "the main association stays");
        api.ec2("DescribeSubnets", "SubnetId.1", subnetId).assertError("InvalidSubnetID.NotFound");
        api.ec2("DeleteSubnet", "SubnetId", subnetId).assertError("InvalidSubnetID.NotFound");
        api.ec2("DeleteSubnet", "SubnetId", "subnet-xyz").assertError("InvalidSubnetID.Malformed");
        api.ec2("DeleteVpc", "VpcId", vpcId).assertOk();
    }

    @Test
    void vpcWithASubnetCannotBeDeleted() {
        String vpcId = vpc("10.0.0.0/16");
        subnet(vpcId, "10.0.1.0/24");
        api.ec2("DeleteVpc", "VpcId", vpcId).assertError("DependencyViolation");
    }

    @Test
    void subnetWithANetworkInterfaceCannotBeDeleted() {
        String vpcId = vpc("10.0.0.0/16");
        String subnetId = subnet(vpcId, "10.0.1.0/24");
        String eni = api.ec2("CreateNetworkInterface", "SubnetId", subnetId).assertOk().text("//networkInterface/networkInterfaceId");
        TestApi.Response refused = api.ec2("DeleteSubnet", "SubnetId", subnetId).assertError("DependencyViolation");
        assertEquals("The subnet '" + subnetId + "' has dependencies and cannot be deleted.", refused.text("//Message"));
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", eni).assertOk();
        api.ec2("DeleteSubnet", "SubnetId", subnetId).assertOk();
    }

    @Test
    void modifySubnetAttributeOneAtATime() {
        String subnetId = subnet(vpc("10.0.0.0/16"), "10.0.1.0/24");
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "MapPublicIpOnLaunch.Value", "true").assertOk();
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "PrivateDnsHostnameTypeOnLaunch", "resource-name").assertOk();
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "EnableResourceNameDnsARecordOnLaunch.Value", "true").assertOk();
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "EnableDns64.Value", "true").assertOk();
        TestApi.Response described = api.ec2("DescribeSubnets", "SubnetId.1", subnetId);
        assertEquals("true", described.text("//subnetSet/item/mapPublicIpOnLaunch"));
        assertEquals("true", described.text("//subnetSet/item/enableDns64"));
        assertEquals("resource-name", described.text("//privateDnsNameOptionsOnLaunch/hostnameType"));
        assertEquals("true", described.text("//privateDnsNameOptionsOnLaunch/enableResourceNameDnsARecord"));
        assertEquals("false", described.text("//privateDnsNameOptionsOnLaunch/enableResourceNameDnsAAAARecord"));

        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "MapPublicIpOnLaunch.Value", "false", "EnableDns64.Value", "false")
                .assertError("InvalidParameterCombination");
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId).assertError("MissingParameter");
        TestApi.Response noIpv6 = api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "AssignIpv6AddressOnCreation.Value", "true")
                .assertError("InvalidParameterValue");
        assertTrue(noIpv6.text("//Message").contains("assign-ipv6-address-on-creation"), noIpv6.body());
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "PrivateDnsHostnameTypeOnLaunch", "other").assertError("InvalidParameterValue");
        assertEquals("true", api.ec2("DescribeSubnets", "SubnetId.1", subnetId).text("//subnetSet/item/mapPublicIpOnLaunch"));
    }

    @Test
    void ipv6BlocksComeFromTheVpcBlock() {
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16", "AmazonProvidedIpv6CidrBlock", "true").assertOk().text("//vpc/vpcId");
        String vpcBlock = api.ec2("DescribeVpcs", "VpcId.1", vpcId).text("//ipv6CidrBlockAssociationSet/item/ipv6CidrBlock");
        String prefix = vpcBlock.substring(0, vpcBlock.indexOf("::"));
        String subnetId = subnet(vpcId, "10.0.1.0/24");
        String subnet64 = prefix.substring(0, prefix.length() - 2) + "01::/64";

        api.ec2("AssociateSubnetCidrBlock", "SubnetId", subnetId, "Ipv6CidrBlock", "2001:db8::/64").assertError("InvalidSubnet.Range");
        api.ec2("AssociateSubnetCidrBlock", "SubnetId", subnetId, "Ipv6CidrBlock", prefix + "::/62").assertError("InvalidParameterValue");
        TestApi.Response associated = api.ec2("AssociateSubnetCidrBlock", "SubnetId", subnetId, "Ipv6CidrBlock", subnet64).assertOk();
        String associationId = associated.text("//ipv6CidrBlockAssociation/associationId");
        assertTrue(associationId.startsWith("subnet-cidr-assoc-"), associated.body());
        assertEquals("associated", associated.text("//ipv6CidrBlockAssociation/ipv6CidrBlockState/state"));
        api.ec2("AssociateSubnetCidrBlock", "SubnetId", subnetId, "Ipv6CidrBlock", prefix.substring(0, prefix.length() - 2) + "02::/64")
                .assertError("CidrLimitExceeded");
        api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.2.0/24", "Ipv6CidrBlock", subnet64).assertError("InvalidSubnet.Conflict");

        String canonical = associated.text("//ipv6CidrBlockAssociation/ipv6CidrBlock");
        assertEquals(dev.backlane.core.net.Ipv6Cidr.parse(subnet64), dev.backlane.core.net.Ipv6Cidr.parse(canonical));
        assertEquals(List.of(subnetId), api.ec2("DescribeSubnets", "Filter.1.Name", "ipv6-cidr-block-association.ipv6-cidr-block",
                "Filter.1.Value.1", canonical).texts("//subnetSet/item/subnetId"));
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "AssignIpv6AddressOnCreation.Value", "true").assertOk();
        api.ec2("DisassociateSubnetCidrBlock", "AssociationId", associationId).assertError("InvalidCidrBlock.InUse");
        api.ec2("ModifySubnetAttribute", "SubnetId", subnetId, "AssignIpv6AddressOnCreation.Value", "false").assertOk();
        TestApi.Response gone = api.ec2("DisassociateSubnetCidrBlock", "AssociationId", associationId).assertOk();
        assertEquals("disassociating", gone.text("//ipv6CidrBlockAssociation/ipv6CidrBlockState/state"));
        assertEquals(subnetId, gone.text("//subnetId"));
        assertEquals(null, api.ec2("DescribeSubnets", "SubnetId.1", subnetId).text("//ipv6CidrBlockAssociationSet/item"));
        api.ec2("DisassociateSubnetCidrBlock", "AssociationId", associationId).assertError("InvalidSubnetCidrBlockAssociationID.NotFound");
        String withIpv6 = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.3.0/24", "Ipv6CidrBlock", subnet64).assertOk()
                .text("//subnet/ipv6CidrBlockAssociationSet/item/ipv6CidrBlock");
        assertEquals(canonical, withIpv6);
    }

    @Test
    void describeFilters() {
        String vpcId = vpc("10.0.0.0/16");
        String a = subnet(vpcId, "10.0.1.0/24", "AvailabilityZone", "us-east-1a");
        String b = subnet(vpcId, "10.0.2.0/28", "AvailabilityZone", "us-east-1b");
        api.ec2("ModifySubnetAttribute", "SubnetId", b, "MapPublicIpOnLaunch.Value", "true").assertOk();
        assertEquals(List.of(a, b), filter("vpc-id", vpcId));
        assertEquals(List.of(b), filter("cidr-block", "10.0.2.0/28"));
        assertEquals(List.of(a, b), filter("cidr-block", "10.0.*"));
        assertEquals(List.of(b), filter("available-ip-address-count", "11"));
        assertEquals(List.of(a), filter("availability-zone", "us-east-1a"));
        assertEquals(List.of(b), filter("map-public-ip-on-launch", "true"));
        assertEquals(List.of(a, b), filter("default-for-az", "false"));
        assertEquals(List.of(a), filter("subnet-id", a));
        assertEquals(List.of(a), filter("subnet-arn", "arn:aws:ec2:us-east-1:000000000000:subnet/" + a));
        assertEquals(List.of(a, b), filter("state", "available"));
        assertEquals(List.of(a, b), filter("owner-id", "000000000000"));
        assertEquals(List.of(a, b), filter("ipv6-native", "false"));
        assertEquals(List.of(a, b), filter("map-customer-owned-ip-on-launch", "false"));
        assertEquals(List.of(a, b), filter("enable-dns64", "false"));
        assertEquals(List.of(a, b), filter("private-dns-name-options-on-launch.hostname-type", "ip-name"));
        assertEquals(List.of(a, b), filter("private-dns-name-options-on-launch.enable-resource-name-dns-a-record", "false"));
        assertEquals(List.of(a, b), filter("private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record", "false"));
        assertEquals(List.of(), filter("outpost-arn", "*"));
        assertEquals(List.of(), filter("customer-owned-ipv4-pool", "*"));
        assertEquals(List.of(), filter("enable-lni-at-device-index", "*"));
        assertEquals(List.of(), filter("ipv6-cidr-block-association.state", "associated"));
        assertEquals(List.of(), filter("ipv6-cidr-block-association.association-id", "*"));
        api.ec2("DescribeSubnets", "Filter.1.Name", "cidr", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
    }

    private List<String> filter(String name, String value) {
        return api.ec2("DescribeSubnets", "Filter.1.Name", name, "Filter.1.Value.1", value, "Filter.2.Name", "default-for-az",
                "Filter.2.Value.1", "false").assertOk().texts("//subnetSet/item/subnetId");
    }

    @Test
    void paginationDryRunAndQuota() {
        TestApi quota = new TestApi(Quotas.awsDefaults().with("subnets-per-vpc", 3));
        String vpcId = quota.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16").text("//vpc/vpcId");
        for (int i = 0; i < 3; i++) {
            quota.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0." + i + ".0/24").assertOk();
        }
        assertEquals("The maximum number of subnets has been reached.",
                quota.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.9.0/24").assertError("SubnetLimitExceeded").text("//Message"));

        TestApi.Response first = quota.ec2("DescribeSubnets", "MaxResults", "5").assertOk();
        assertEquals(5, first.texts("//subnetSet/item").size());
        TestApi.Response second = quota.ec2("DescribeSubnets", "MaxResults", "5", "NextToken", first.text("//nextToken")).assertOk();
        assertEquals(4, second.texts("//subnetSet/item").size(), "6 default subnets and 3 new ones");
        assertEquals(null, second.text("//nextToken"));

        String vpc2 = vpc("10.0.0.0/16");
        api.ec2("CreateSubnet", "VpcId", vpc2, "CidrBlock", "10.0.0.0/24", "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("CreateSubnet", "VpcId", vpc2, "CidrBlock", "10.9.0.0/24", "DryRun", "true").assertError("InvalidSubnet.Range");
        assertEquals(List.of(), api.ec2("DescribeSubnets", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpc2).texts("//subnetSet/item"));
        String subnetId = subnet(vpc2, "10.0.0.0/24");
        api.ec2("DeleteSubnet", "SubnetId", subnetId, "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("DescribeSubnets", "SubnetId.1", subnetId, "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("DescribeSubnets", "SubnetId.1", subnetId).assertOk();
    }

    @Test
    void unmodelledParametersAreRefusedNotIgnored() {
        String vpcId = vpc("10.0.0.0/16");
        api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.0.0/24", "OutpostArn", "arn:aws:outposts:us-east-1:1:outpost/op-1")
                .assertError("UnsupportedOperation");
        api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.0.0/24", "Ipv6Native", "false").assertOk();
        assertFalse(api.ec2("DescribeSubnets", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).texts("//subnetSet/item").isEmpty());
    }
}
