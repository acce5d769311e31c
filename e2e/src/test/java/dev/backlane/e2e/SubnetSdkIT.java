package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.assertDryRunSucceeds;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Subnets and network interfaces through the SDK: addressing rules, dependencies, filters and pages. */
class SubnetSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void defaultVpcHasOneDefaultSubnetPerZone() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets();
        assertEquals(6, subnets.size(), "us-east-1 has six zones");
        assertEquals(6, subnets.stream().map(Subnet::availabilityZone).distinct().count());
        assertTrue(subnets.stream().allMatch(subnet -> subnet.mapPublicIpOnLaunch() && subnet.cidrBlock().startsWith("172.31.")));
    }

    @Test
    void subnetIsCreatedInItsZoneWithAwsReservedAddressesTakenOut() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        Subnet subnet = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1c")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SUBNET)
                        .tags(Tag.builder().key("Name").value("app").build()).build())).subnet();
        assertTrue(subnet.subnetId().matches("subnet-[0-9a-f]{17}"), subnet.subnetId());
        assertEquals(vpcId, subnet.vpcId());
        assertEquals("us-east-1c", subnet.availabilityZone());
        assertTrue(subnet.availabilityZoneId().startsWith("use1-az"), subnet.availabilityZoneId());
        assertEquals(251, subnet.availableIpAddressCount(), "256 less the five addresses AWS reserves");
        assertEquals(SubnetState.AVAILABLE, subnet.state());
        assertEquals(account.id(), subnet.ownerId());
        assertEquals("arn:aws:ec2:us-east-1:" + account.id() + ":subnet/" + subnet.subnetId(), subnet.subnetArn());
        assertFalse(subnet.mapPublicIpOnLaunch());
        assertFalse(subnet.defaultForAz());

        ec2.modifySubnetAttribute(r -> r.subnetId(subnet.subnetId()).mapPublicIpOnLaunch(v -> v.value(true)));
        assertTrue(ec2.describeSubnets(r -> r.subnetIds(subnet.subnetId())).subnets().get(0).mapPublicIpOnLaunch());

        assertEquals(Set.of(subnet.subnetId()), ids(ec2, filter("vpc-id", vpcId)));
        assertEquals(Set.of(subnet.subnetId()), ids(ec2, filter("tag:Name", "ap*"), filter("availability-zone", "us-east-1c")));
        assertEquals(Set.of(subnet.subnetId()), ids(ec2, filter("cidr-block", "10.0.*")));
        assertEquals(Set.of(), ids(ec2, filter("vpc-id", vpcId), filter("availability-zone", "us-east-1a")));
    }

    @Test
    void addressingRulesAreEnforced() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24"));
        assertAwsError("InvalidSubnet.Conflict", () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.128/25")));
        assertAwsError("InvalidSubnet.Range", () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.1.0.0/24")));
        assertAwsError("InvalidSubnet.Range", () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.5.0/29")));
        assertAwsError("InvalidParameterValue", () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.5.0/24").availabilityZone("us-east-1z")));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.createSubnet(r -> r.vpcId("vpc-0123456789abcdef0").cidrBlock("10.0.5.0/24")));
        assertAwsError("InvalidSubnetID.Malformed", () -> ec2.describeSubnets(r -> r.subnetIds("subnet-nope")));
        assertAwsError("InvalidSubnetID.NotFound", () -> ec2.deleteSubnet(r -> r.subnetId("subnet-0123456789abcdef0")));
        assertDryRunSucceeds(() -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.9.0/24").dryRun(true)));
        assertEquals(1, ids(ec2, filter("vpc-id", vpcId)).size(), "neither the refused calls nor the DryRun made a subnet");
    }

    @Test
    void subnetsAndInterfacesHoldUpTheirParents() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        NetworkInterface eni = ec2.createNetworkInterface(r -> r.subnetId(subnetId).description("app")).networkInterface();
        assertTrue(eni.networkInterfaceId().matches("eni-[0-9a-f]{17}"), eni.networkInterfaceId());
        assertTrue(eni.privateIpAddress().startsWith("10.0.1."), eni.privateIpAddress());
        assertEquals(vpcId, eni.vpcId());
        assertEquals(250, ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().get(0).availableIpAddressCount(), "the interface took one");
        assertAwsError("InvalidIPAddress.InUse",
                () -> ec2.createNetworkInterface(r -> r.subnetId(subnetId).privateIpAddress(eni.privateIpAddress())));
        assertEquals(List.of(eni.networkInterfaceId()), ec2.describeNetworkInterfaces(r -> r.filters(filter("subnet-id", subnetId)))
                .networkInterfaces().stream().map(NetworkInterface::networkInterfaceId).toList());

        assertAwsError("DependencyViolation", () -> ec2.deleteSubnet(r -> r.subnetId(subnetId)));
        assertAwsError("DependencyViolation", () -> ec2.deleteVpc(r -> r.vpcId(vpcId)));
        ec2.deleteNetworkInterface(r -> r.networkInterfaceId(eni.networkInterfaceId()));
        assertAwsError("InvalidNetworkInterfaceID.NotFound",
                () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.networkInterfaceId())));
        ec2.deleteSubnet(r -> r.subnetId(subnetId));
        ec2.deleteVpc(r -> r.vpcId(vpcId));
        assertAwsError("InvalidSubnetID.NotFound", () -> ec2.describeSubnets(r -> r.subnetIds(subnetId)));
    }

    @Test
    void paginatorWalksEverySubnetOnce() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        for (int i = 0; i < 11; i++) {
            int octet = i;
            ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.%d.0/24".formatted(octet)));
        }
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DescribeSubnetsResponse page : ec2.describeSubnetsPaginator(r -> r.maxResults(5).filters(filter("vpc-id", vpcId)))) {
            pageSizes.add(page.subnets().size());
            page.subnets().forEach(subnet -> seen.add(subnet.subnetId()));
        }
        assertEquals(11, Set.copyOf(seen).size());
        assertEquals(11, seen.size());
        assertEquals(11, pageSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(pageSizes.stream().allMatch(size -> size <= 5), pageSizes.toString());
        assertTrue(pageSizes.size() >= 3, pageSizes.toString());
    }

    private static Set<String> ids(Ec2Client ec2, software.amazon.awssdk.services.ec2.model.Filter... filters) {
        return ec2.describeSubnets(r -> r.filters(filters)).subnets().stream().map(Subnet::subnetId).collect(Collectors.toSet());
    }
}
