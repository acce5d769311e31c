package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * Terraform with the unmodified hashicorp/aws provider applies a three-AZ network
 * ({@code terraform/network/main.tf}) to Backlane, plans no changes afterwards, and destroys it without a
 * trace, in the ordered steps of {@link TerraformStackSteps}.
 */
class TerraformIT extends TerraformStackSteps {
    TerraformIT() {
        super("network");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
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

    @Override
    void checkDestroyed(Ec2Client ec2) {
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
}
