package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * Terraform with the unmodified hashicorp/aws provider applies {@code terraform/network/} to Backlane in one graph,
 * plans no changes afterwards, and destroys it without a trace, in the ordered steps of {@link TerraformStackSteps}.
 * Its parts:
 * <ul>
 * <li>{@code network.tf}: a three-AZ network with an internet and a NAT gateway, route tables, a managed prefix list,
 * security groups with inline and separate rules, and a network ACL;
 * <li>{@code instances.tf}: an AMI found by a data source, and two {@code aws_instance}s (a burstable one with a public
 * address, instance profile, user data and tags; another with a fixed private address) in a VPC of their own. Destroy
 * terminates both, and the terminated instances are still shown.
 * </ul>
 */
class NetworkTerraformIT extends TerraformStackSteps {
    NetworkTerraformIT() {
        super("network");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        assertAll(() -> networkApplied(ec2), () -> instancesApplied(ec2));
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertAll(() -> networkDestroyed(ec2), () -> instancesDestroyed(ec2));
    }

    private void networkApplied(Ec2Client ec2) {
        String vpcId = output("vpc_id");
        assertTrue(ec2.describeVpcAttribute(r -> r.vpcId(vpcId).attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpcId))).subnets();
        assertEquals(3, subnets.size());
        assertEquals(3, subnets.stream().map(Subnet::availabilityZone).distinct().count(), "one subnet per AZ");
        NatGateway nat = ec2.describeNatGateways(r -> r.natGatewayIds(output("nat_gateway_id"))).natGateways().get(0);
        assertEquals(NatGatewayState.AVAILABLE, nat.state());
        assertEquals(output("allocation_id"), nat.natGatewayAddresses().get(0).allocationId());
        List<Route> defaultRoutes = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("route.destination-cidr-block", "0.0.0.0/0")))
                .routeTables().stream().flatMap(table -> table.routes().stream())
                .filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).toList();
        assertEquals(Set.of(output("internet_gateway_id"), output("nat_gateway_id")),
                defaultRoutes.stream().map(route -> route.gatewayId() != null ? route.gatewayId() : route.natGatewayId()).collect(Collectors.toSet()));
        assertEquals(2, ec2.describeNetworkAcls(r -> r.networkAclIds(output("network_acl_id"))).networkAcls().get(0).associations().size());
    }

    private void instancesApplied(Ec2Client ec2) {
        Instance web = instance(ec2, output("web_id"));
        assertEquals(InstanceStateName.RUNNING, web.state().name());
        assertEquals("t3.micro", web.instanceTypeAsString());
        assertEquals(output("web_public_ip"), web.publicIpAddress());
        assertEquals("arn:aws:iam::000000000000:instance-profile/web-profile", web.iamInstanceProfile().arn());
        assertEquals("web", web.tags().stream().filter(tag -> tag.key().equals("Name")).findFirst().orElseThrow().value());
        Instance worker = instance(ec2, output("worker_id"));
        assertEquals("10.60.1.50", worker.privateIpAddress());
        assertEquals(output("instances_vpc_id"), worker.vpcId());
        assertEquals(2, ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", output("instances_vpc_id")))).networkInterfaces().size());
    }

    private static void networkDestroyed(Ec2Client ec2) {
        List<String> vpcs = ec2.describeVpcs().vpcs().stream().map(vpc -> vpc.vpcId() + (vpc.isDefault() ? " (default)" : "")).toList();
        assertEquals(1, vpcs.size(), "VPCs left: " + vpcs);
        String defaultVpc = ec2.describeVpcs().vpcs().get(0).vpcId();
        assertTrue(ec2.describeVpcs().vpcs().get(0).isDefault());
        assertEquals(List.of(), ec2.describeSubnets().subnets().stream().filter(s -> !s.vpcId().equals(defaultVpc)).map(Subnet::subnetId).toList());
        assertEquals(1, ec2.describeRouteTables().routeTables().size(), "only the default VPC's main route table");
        assertEquals(List.of("default"), ec2.describeSecurityGroups().securityGroups().stream().map(g -> g.groupName()).toList());
        assertEquals(1, ec2.describeNetworkAcls().networkAcls().size(), "only the default VPC's default ACL");
        assertEquals(List.of(), ec2.describeInternetGateways().internetGateways().stream()
                .filter(igw -> igw.attachments().stream().noneMatch(a -> a.vpcId().equals(defaultVpc))).map(igw -> igw.internetGatewayId()).toList());
        assertEquals(List.of(), ec2.describeAddresses().addresses());
        assertEquals(List.of(), ec2.describeNatGateways().natGateways().stream()
                .filter(nat -> nat.state() != NatGatewayState.DELETED && nat.state() != NatGatewayState.DELETING).toList());
        assertEquals(List.of(), ec2.describeManagedPrefixLists(r -> r.filters(filter("owner-id", "000000000000"))).prefixLists());
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
    }

    private static void instancesDestroyed(Ec2Client ec2) {
        List<Instance> instances = ec2.describeInstances().reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
        assertEquals(2, instances.size(), "terminated instances stay visible for a while");
        assertTrue(instances.stream().allMatch(instance -> instance.state().name() == InstanceStateName.TERMINATED), instances.toString());
    }

    private static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
