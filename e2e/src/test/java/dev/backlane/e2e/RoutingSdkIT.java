package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** Route tables, internet gateways, Elastic IPs and NAT gateways through the SDK. */
class RoutingSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    /** NAT gateways take a moment to provision; poll briskly instead of the SDK's 15 seconds. */
    private static final WaiterOverrideConfiguration BRISK = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(200))).maxAttempts(300).build();

    @Test
    void vpcComesWithAMainRouteTableHoldingTheLocalRoute() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<RouteTable> tables = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId))).routeTables();
        assertEquals(1, tables.size());
        RouteTable main = tables.get(0);
        assertTrue(main.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main())));
        assertEquals(1, main.routes().size());
        Route local = main.routes().get(0);
        assertEquals("10.0.0.0/16", local.destinationCidrBlock());
        assertEquals("local", local.gatewayId());
        assertEquals(RouteState.ACTIVE, local.state());
        assertEquals(List.of(main.routeTableId()), ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
                .routeTables().stream().map(RouteTable::routeTableId).toList());
        assertAwsError("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(main.routeTableId())));
    }

    @Test
    void publicSubnetRoutesThroughAnAttachedInternetGateway() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24")).subnet().subnetId();
        String igwId = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        assertTrue(igwId.matches("igw-[0-9a-f]{17}"), igwId);

        String tableId = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        String message = assertAwsError("InvalidParameterValue",
                () -> ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId))).awsErrorDetails().errorMessage();
        assertTrue(message.contains("belong to different networks"), "a gateway not yet attached to the table's VPC: " + message);
        ec2.attachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));
        assertEquals("available", ec2.describeInternetGateways(r -> r.internetGatewayIds(igwId)).internetGateways().get(0)
                .attachments().get(0).stateAsString(), "EC2 reports an attached internet gateway as available, outside the model's enum");
        assertEquals(List.of(igwId), ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpcId))).internetGateways()
                .stream().map(igw -> igw.internetGatewayId()).toList());
        String otherIgw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        assertAwsError("InvalidParameterValue", () -> ec2.attachInternetGateway(r -> r.internetGatewayId(otherIgw).vpcId(vpcId)));

        ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId));
        assertAwsError("RouteAlreadyExists", () -> ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("0.0.0.0/0").gatewayId(igwId)));
        String associationId = ec2.associateRouteTable(r -> r.routeTableId(tableId).subnetId(subnetId)).associationId();
        assertEquals(List.of(tableId), ec2.describeRouteTables(r -> r.filters(filter("association.subnet-id", subnetId))).routeTables()
                .stream().map(RouteTable::routeTableId).toList());
        assertEquals(List.of(tableId), ec2.describeRouteTables(r -> r.filters(filter("route.gateway-id", igwId))).routeTables()
                .stream().map(RouteTable::routeTableId).toList());

        assertAwsError("DependencyViolation", () -> ec2.deleteRouteTable(r -> r.routeTableId(tableId)));
        assertAwsError("DependencyViolation", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(igwId)));
        ec2.detachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));
        assertAwsError("Gateway.NotAttached", () -> ec2.detachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId)));
        assertEquals(RouteState.BLACKHOLE, ec2.describeRouteTables(r -> r.routeTableIds(tableId)).routeTables().get(0).routes().stream()
                .filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).findFirst().orElseThrow().state(),
                "a route to a detached gateway goes nowhere");
        ec2.disassociateRouteTable(r -> r.associationId(associationId));
        ec2.deleteRouteTable(r -> r.routeTableId(tableId));
        ec2.deleteInternetGateway(r -> r.internetGatewayId(igwId));
        assertAwsError("InvalidRouteTableID.NotFound", () -> ec2.describeRouteTables(r -> r.routeTableIds(tableId)));
        assertAwsError("InvalidInternetGatewayID.NotFound", () -> ec2.describeInternetGateways(r -> r.internetGatewayIds(igwId)));
    }

    @Test
    void elasticIpsAndNatGateway() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.0.0.0/24")).subnet().subnetId();
        String igwId = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igwId).vpcId(vpcId));

        AllocateAddressResponse eip = ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        assertTrue(eip.allocationId().matches("eipalloc-[0-9a-f]{17}"), eip.allocationId());
        assertNotNull(eip.publicIp());
        Address described = ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())).addresses().get(0);
        assertEquals(eip.publicIp(), described.publicIp());
        assertEquals(DomainType.VPC, described.domain());

        NatGateway created = ec2.createNatGateway(r -> r.subnetId(subnetId).allocationId(eip.allocationId())).natGateway();
        assertTrue(created.natGatewayId().matches("nat-[0-9a-f]{17}"), created.natGatewayId());
        assertEquals(NatGatewayState.PENDING, created.state());
        NatGateway available = ec2.waiter().waitUntilNatGatewayAvailable(natGateway(created.natGatewayId()), BRISK)
                .matched().response().orElseThrow().natGateways().get(0);
        assertEquals(NatGatewayState.AVAILABLE, available.state());
        assertEquals(eip.publicIp(), available.natGatewayAddresses().get(0).publicIp());
        assertTrue(available.natGatewayAddresses().get(0).privateIp().startsWith("10.0.0."));
        assertEquals(subnetId, available.subnetId());
        assertEquals(vpcId, available.vpcId());
        assertAwsError("InvalidIPAddress.InUse", () -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId())));
        assertEquals(1, ec2.describeNetworkInterfaces(r -> r.filters(filter("subnet-id", subnetId))).networkInterfaces().size(),
                "the NAT gateway has its interface in the subnet");

        String tableId = ec2.createRouteTable(r -> r.vpcId(vpcId)).routeTable().routeTableId();
        ec2.createRoute(r -> r.routeTableId(tableId).destinationCidrBlock("0.0.0.0/0").natGatewayId(created.natGatewayId()));
        assertEquals(Set.of(created.natGatewayId()), ec2.describeRouteTables(r -> r.routeTableIds(tableId)).routeTables().get(0).routes()
                .stream().map(Route::natGatewayId).filter(id -> id != null).collect(Collectors.toSet()));

        ec2.deleteNatGateway(r -> r.natGatewayId(created.natGatewayId()));
        ec2.waiter().waitUntilNatGatewayDeleted(natGateway(created.natGatewayId()), BRISK);
        assertEquals(RouteState.BLACKHOLE, ec2.describeRouteTables(r -> r.routeTableIds(tableId)).routeTables().get(0).routes().stream()
                .filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).findFirst().orElseThrow().state());
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
        assertAwsError("InvalidAllocationID.NotFound", () -> ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())));
    }

    @Test
    void elasticIpQuotaIsFive() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        for (int i = 0; i < 5; i++) {
            ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        }
        assertAwsError("AddressLimitExceeded", () -> ec2.allocateAddress(r -> r.domain(DomainType.VPC)));
        assertEquals(5, ec2.describeAddresses().addresses().size());
    }

    private static DescribeNatGatewaysRequest natGateway(String id) {
        return DescribeNatGatewaysRequest.builder().natGatewayIds(id).build();
    }
}
