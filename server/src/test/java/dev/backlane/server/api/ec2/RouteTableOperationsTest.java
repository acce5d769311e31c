package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableOperationsTest {
    private final TestApi api = new TestApi();
    private final NetworkFixture fixture = new NetworkFixture(api);

    private String createTable(String vpcId) {
        return api.ec2("CreateRouteTable", "VpcId", vpcId).assertOk().text("//routeTable/routeTableId");
    }

    private String createAttachedGateway(String vpcId) {
        String gatewayId = api.ec2("CreateInternetGateway").assertOk().text("//internetGateway/internetGatewayId");
        api.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId).assertOk();
        return gatewayId;
    }

    private TestApi.Response describeTable(String tableId) {
        return api.ec2("DescribeRouteTables", "RouteTableId.1", tableId).assertOk();
    }

    private String routeState(String tableId, String destination) {
        return describeTable(tableId).text("//routeSet/item[destinationCidrBlock='" + destination + "']/state");
    }

    @Test
    void defaultVpcMainTableRoutesToItsInternetGateway() {
        String vpcId = fixture.defaultVpcId();
        String main = fixture.mainRouteTable(vpcId);
        TestApi.Response table = describeTable(main);
        String gatewayId = api.ec2("DescribeInternetGateways").text("//internetGatewaySet/item/internetGatewayId");
        assertEquals(gatewayId, table.text("//routeSet/item[destinationCidrBlock='0.0.0.0/0']/gatewayId"));
        assertEquals("active", table.text("//routeSet/item[destinationCidrBlock='0.0.0.0/0']/state"));
        assertEquals("local", table.text("//routeSet/item[destinationCidrBlock='172.31.0.0/16']/gatewayId"));
        assertEquals("CreateRouteTable", table.text("//routeSet/item[destinationCidrBlock='172.31.0.0/16']/origin"));
        assertEquals("true", table.text("//associationSet/item/main"));
        assertEquals("associated", table.text("//associationSet/item/associationState/state"));
    }

    @Test
    void newTableHasLocalRoutesForEveryVpcCidr() {
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16", "AmazonProvidedIpv6CidrBlock", "true").assertOk().text("//vpc/vpcId");
        api.ec2("AssociateVpcCidrBlock", "VpcId", vpcId, "CidrBlock", "10.2.0.0/16").assertOk();
        String ipv6 = api.ec2("DescribeVpcs", "VpcId.1", vpcId).text("//ipv6CidrBlockAssociationSet/item/ipv6CidrBlock");
        TestApi.Response created = api.ec2("CreateRouteTable", "VpcId", vpcId, "TagSpecification.1.ResourceType", "route-table",
                "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "private").assertOk();
        assertTrue(created.text("//routeTable/routeTableId").matches("rtb-[0-9a-f]{17}"));
        assertEquals(List.of("10.1.0.0/16", "10.2.0.0/16"), created.texts("//routeTable/routeSet/item/destinationCidrBlock"));
        assertEquals(List.of(ipv6), created.texts("//routeTable/routeSet/item/destinationIpv6CidrBlock"));
        assertEquals(List.of("local", "local", "local"), created.texts("//routeTable/routeSet/item/gatewayId"));
        assertEquals("private", created.text("//routeTable/tagSet/item[key='Name']/value"));
        assertEquals(0, created.texts("//routeTable/associationSet/item").size());
        api.ec2("CreateRouteTable", "VpcId", "vpc-00000000000000999").assertError("InvalidVpcID.NotFound");
    }

    @Test
    void clientTokenMakesCreateRouteTableIdempotent() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        TestApi.Response first = api.ec2("CreateRouteTable", "VpcId", vpcId, "ClientToken", "token-1").assertOk();
        TestApi.Response again = api.ec2("CreateRouteTable", "VpcId", vpcId, "ClientToken", "token-1").assertOk();
        assertEquals(first.text("//routeTable/routeTableId"), again.text("//routeTable/routeTableId"));
        assertEquals("token-1", again.text("//clientToken"));
        assertEquals(2, api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).texts("//routeTableSet/item").size());
        String other = fixture.createVpc("10.2.0.0/16");
        api.ec2("CreateRouteTable", "VpcId", other, "ClientToken", "token-1").assertError("IdempotentParameterMismatch");
    }

    @Test
    void deleteRefusesMainAndAssociatedTables() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String main = fixture.mainRouteTable(vpcId);
        TestApi.Response mainResponse = api.ec2("DeleteRouteTable", "RouteTableId", main).assertError("DependencyViolation");
        assertEquals("The routeTable '" + main + "' has dependencies and cannot be deleted.", mainResponse.text("//Message"));
        String table = createTable(vpcId);
        String subnet = fixture.subnet(vpcId, "10.1.1.0/24", "us-east-1a");
        String associationId = api.ec2("AssociateRouteTable", "RouteTableId", table, "SubnetId", subnet).assertOk().text("//associationId");
        api.ec2("DeleteRouteTable", "RouteTableId", table).assertError("DependencyViolation");
        api.ec2("DisassociateRouteTable", "AssociationId", associationId).assertOk();
        api.ec2("DeleteRouteTable", "RouteTableId", table).assertOk();
        api.ec2("DescribeRouteTables", "RouteTableId.1", table).assertError("InvalidRouteTableID.NotFound");
        api.ec2("DeleteRouteTable", "RouteTableId", "rtb-nope").assertError("InvalidRouteTableID.Malformed");
    }

    @Test
    void subnetHasOneExplicitAssociationInItsOwnVpc() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String subnet = fixture.subnet(vpcId, "10.1.1.0/24", "us-east-1a");
        String first = createTable(vpcId);
        String second = createTable(vpcId);
        TestApi.Response associated = api.ec2("AssociateRouteTable", "RouteTableId", first, "SubnetId", subnet).assertOk();
        assertTrue(associated.text("//associationId").matches("rtbassoc-[0-9a-f]{17}"));
        assertEquals("associated", associated.text("//associationState/state"));
        TestApi.Response conflict = api.ec2("AssociateRouteTable", "RouteTableId", second, "SubnetId", subnet)
                .assertError("Resource.AlreadyAssociated");
        assertEquals("the specified association for route table " + second + " conflicts with an existing association",
                conflict.text("//Message"));
        String otherVpc = fixture.createVpc("10.2.0.0/16");
        String foreign = createTable(otherVpc);
        TestApi.Response different = api.ec2("AssociateRouteTable", "RouteTableId", foreign, "SubnetId", subnet)
                .assertError("InvalidParameterValue");
        assertTrue(different.text("//Message").contains("belong to different networks"), different.body());
        api.ec2("AssociateRouteTable", "RouteTableId", first).assertError("MissingParameter");
        api.ec2("AssociateRouteTable", "RouteTableId", first, "SubnetId", "subnet-00000000000000999").assertError("InvalidSubnetID.NotFound");
        assertEquals(List.of(first), api.ec2("DescribeRouteTables", "Filter.1.Name", "association.subnet-id", "Filter.1.Value.1", subnet)
                .texts("//routeTableSet/item/routeTableId"));
    }

    @Test
    void gatewayEdgeAssociationNeedsAnAttachedGateway() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String detached = api.ec2("CreateInternetGateway").text("//internetGateway/internetGatewayId");
        api.ec2("AssociateRouteTable", "RouteTableId", table, "GatewayId", detached).assertError("InvalidParameterValue");
        String gatewayId = createAttachedGateway(vpcId);
        String associationId = api.ec2("AssociateRouteTable", "RouteTableId", table, "GatewayId", gatewayId).assertOk().text("//associationId");
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "association.gateway-id", "Filter.1.Value.1", gatewayId)
                .texts("//routeTableSet/item/routeTableId"));
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "association.route-table-association-id",
                "Filter.1.Value.1", associationId).texts("//routeTableSet/item/routeTableId"));
    }

    @Test
    void mainAssociationCannotBeRemovedButCanMove() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String main = fixture.mainRouteTable(vpcId);
        String mainAssociation = describeTable(main).text("//associationSet/item/routeTableAssociationId");
        TestApi.Response refused = api.ec2("DisassociateRouteTable", "AssociationId", mainAssociation).assertError("InvalidParameterValue");
        assertTrue(refused.text("//Message").contains(mainAssociation), refused.body());
        String replacement = createTable(vpcId);
        TestApi.Response moved = api.ec2("ReplaceRouteTableAssociation", "AssociationId", mainAssociation, "RouteTableId", replacement).assertOk();
        String newAssociation = moved.text("//newAssociationId");
        assertFalse(newAssociation.equals(mainAssociation));
        assertEquals(replacement, fixture.mainRouteTable(vpcId));
        api.ec2("DeleteRouteTable", "RouteTableId", main).assertOk();
        api.ec2("DisassociateRouteTable", "AssociationId", mainAssociation).assertError("InvalidAssociationID.NotFound");
        String otherVpcTable = createTable(fixture.createVpc("10.2.0.0/16"));
        api.ec2("ReplaceRouteTableAssociation", "AssociationId", newAssociation, "RouteTableId", otherVpcTable).assertError("InvalidParameterValue");
    }

    @Test
    void replaceAssociationMovesASubnet() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String subnet = fixture.subnet(vpcId, "10.1.1.0/24", "us-east-1a");
        String first = createTable(vpcId);
        String second = createTable(vpcId);
        String associationId = api.ec2("AssociateRouteTable", "RouteTableId", first, "SubnetId", subnet).text("//associationId");
        api.ec2("ReplaceRouteTableAssociation", "AssociationId", associationId, "RouteTableId", second).assertOk();
        assertEquals(List.of(second), api.ec2("DescribeRouteTables", "Filter.1.Name", "association.subnet-id", "Filter.1.Value.1", subnet)
                .texts("//routeTableSet/item/routeTableId"));
    }

    @Test
    void createRouteToInternetGatewayAndDuplicates() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String gatewayId = createAttachedGateway(vpcId);
        assertEquals("true", api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", gatewayId)
                .assertOk().text("//return"));
        assertEquals("active", routeState(table, "0.0.0.0/0"));
        assertEquals("CreateRoute", describeTable(table).text("//routeSet/item[destinationCidrBlock='0.0.0.0/0']/origin"));
        TestApi.Response duplicate = api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", gatewayId)
                .assertError("RouteAlreadyExists");
        assertEquals("The route identified by 0.0.0.0/0 already exists.", duplicate.text("//Message"));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "10.1.0.0/16", "GatewayId", gatewayId)
                .assertError("RouteAlreadyExists");
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.gateway-id", "Filter.1.Value.1", gatewayId,
                "Filter.2.Name", "vpc-id", "Filter.2.Value.1", vpcId).texts("//routeTableSet/item/routeTableId"));
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.destination-cidr-block", "Filter.1.Value.1",
                "0.0.0.0/0", "Filter.2.Name", "vpc-id", "Filter.2.Value.1", vpcId).texts("//routeTableSet/item/routeTableId"));
    }

    @Test
    void routeTargetsAreCheckedForExistenceAndNetwork() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String otherVpc = fixture.createVpc("10.2.0.0/16");
        String foreignGateway = createAttachedGateway(otherVpc);
        TestApi.Response foreign = api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", foreignGateway)
                .assertError("InvalidParameterValue");
        assertEquals("route table " + table + " and network gateway " + foreignGateway + " belong to different networks",
                foreign.text("//Message"));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", "vgw-0123abcd")
                .assertError("InvalidGatewayID.NotFound");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", "nat-00000000000000999")
                .assertError("InvalidNatGatewayID.NotFound");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "VpcPeeringConnectionId", "pcx-0123abcd")
                .assertError("InvalidVpcPeeringConnectionID.NotFound");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "VpcEndpointId", "vpce-0123abcd")
                .assertError("InvalidVpcEndpointId.NotFound");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "InstanceId", "i-0123abcd")
                .assertError("InvalidInstanceID.NotFound");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "NetworkInterfaceId", "eni-00000000000000999")
                .assertError("InvalidNetworkInterfaceID.NotFound");
        String foreignEni = fixture.networkInterface(fixture.subnet(otherVpc, "10.2.1.0/24", "us-east-1a"));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "NetworkInterfaceId", foreignEni)
                .assertError("InvalidParameterValue");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0").assertError("MissingParameter");
        api.ec2("CreateRoute", "RouteTableId", table, "GatewayId", foreignGateway).assertError("MissingParameter");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", "local")
                .assertError("InvalidGatewayID.NotFound");
        TestApi.Response badCidr = api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "10.0.0.1/8", "GatewayId", foreignGateway)
                .assertError("InvalidParameterValue");
        assertTrue(badCidr.text("//Message").contains("destinationCidrBlock"), badCidr.body());
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "DestinationIpv6CidrBlock", "::/0",
                "GatewayId", foreignGateway).assertError("InvalidParameterCombination");
        assertEquals(1, describeTable(table).texts("//routeSet/item").size(), "only the local route remains");
    }

    @Test
    void ipv6AndPrefixListDestinations() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String gatewayId = createAttachedGateway(vpcId);
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationIpv6CidrBlock", "::/0", "GatewayId", gatewayId).assertOk();
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-63a5400a", "GatewayId", gatewayId).assertOk();
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-xyz", "GatewayId", gatewayId)
                .assertError("InvalidPrefixListID.Malformed");
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-0000aaaa", "GatewayId", gatewayId)
                .assertError("InvalidPrefixListID.NotFound");
        TestApi.Response described = describeTable(table);
        assertEquals(gatewayId, described.text("//routeSet/item[destinationIpv6CidrBlock='::/0']/gatewayId"));
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.destination-prefix-list-id", "Filter.1.Value.1",
                "pl-63a5400a").texts("//routeTableSet/item/routeTableId"));
        api.ec2("DeleteRoute", "RouteTableId", table, "DestinationIpv6CidrBlock", "::/0").assertOk();
        api.ec2("DeleteRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-63a5400a").assertOk();
        assertEquals(1, describeTable(table).texts("//routeSet/item").size());
    }

    @Test
    void deleteRouteRules() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String gatewayId = createAttachedGateway(vpcId);
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", gatewayId).assertOk();
        TestApi.Response local = api.ec2("DeleteRoute", "RouteTableId", table, "DestinationCidrBlock", "10.1.0.0/16")
                .assertError("InvalidParameterValue");
        assertEquals("cannot remove local route 10.1.0.0/16 in route table " + table, local.text("//Message"));
        TestApi.Response missing = api.ec2("DeleteRoute", "RouteTableId", table, "DestinationCidrBlock", "192.168.0.0/16")
                .assertError("InvalidRoute.NotFound");
        assertTrue(missing.text("//Message").contains("192.168.0.0/16") && missing.text("//Message").contains(table), missing.body());
        api.ec2("DeleteRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals("active", routeState(table, "0.0.0.0/0"));
        api.ec2("DeleteRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0").assertOk();
        assertEquals(null, routeState(table, "0.0.0.0/0"));
    }

    @Test
    void gatewayEndpointRoutesCannotBeDeletedOrReplaced() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String endpointId = "vpce-0123456789abcdef0";
        api.cloud().write(NetworkFixture.SCOPE, transaction -> {
            var current = transaction.get(dev.backlane.core.model.ResourceTypes.ROUTE_TABLE, table);
            var routes = new java.util.ArrayList<>(current.routes());
            routes.add(new dev.backlane.core.model.Route(null, null, "pl-63a5400a", endpointId, null, null, null, null, null, null, null, null,
                    null, "CreateRoute"));
            return transaction.put(dev.backlane.core.model.ResourceTypes.ROUTE_TABLE, current.withRoutes(routes));
        });
        TestApi.Response refused = api.ec2("DeleteRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-63a5400a")
                .assertError("InvalidParameterValue");
        assertTrue(refused.text("//Message").contains(endpointId), refused.body());
        String gatewayId = createAttachedGateway(vpcId);
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationPrefixListId", "pl-63a5400a", "GatewayId", gatewayId)
                .assertError("InvalidParameterValue");
    }

    @Test
    void replaceRouteAndLocalTarget() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String gatewayId = createAttachedGateway(vpcId);
        String eni = fixture.networkInterface(fixture.subnet(vpcId, "10.1.1.0/24", "us-east-1a"));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", gatewayId).assertOk();
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "NetworkInterfaceId", eni).assertOk();
        TestApi.Response replaced = describeTable(table);
        assertEquals(eni, replaced.text("//routeSet/item[destinationCidrBlock='0.0.0.0/0']/networkInterfaceId"));
        assertEquals(null, replaced.text("//routeSet/item[destinationCidrBlock='0.0.0.0/0']/gatewayId"));
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationCidrBlock", "8.8.8.0/24", "GatewayId", gatewayId)
                .assertError("InvalidRoute.NotFound");
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "LocalTarget", "true")
                .assertError("InvalidParameterValue");
        // The local route may be pointed at an appliance and back.
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationCidrBlock", "10.1.0.0/16", "NetworkInterfaceId", eni).assertOk();
        assertEquals(eni, describeTable(table).text("//routeSet/item[destinationCidrBlock='10.1.0.0/16']/networkInterfaceId"));
        api.ec2("DeleteRoute", "RouteTableId", table, "DestinationCidrBlock", "10.1.0.0/16").assertError("InvalidParameterValue");
        api.ec2("ReplaceRoute", "RouteTableId", table, "DestinationCidrBlock", "10.1.0.0/16", "GatewayId", "local").assertOk();
        assertEquals("local", describeTable(table).text("//routeSet/item[destinationCidrBlock='10.1.0.0/16']/gatewayId"));
    }

    @Test
    void routeToDetachedGatewayOrDeletedInterfaceIsBlackhole() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        String gatewayId = createAttachedGateway(vpcId);
        String eni = fixture.networkInterface(fixture.subnet(vpcId, "10.1.1.0/24", "us-east-1a"));
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "0.0.0.0/0", "GatewayId", gatewayId).assertOk();
        api.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "192.168.0.0/16", "NetworkInterfaceId", eni).assertOk();
        assertEquals("active", routeState(table, "0.0.0.0/0"));
        assertEquals("active", routeState(table, "192.168.0.0/16"));
        api.ec2("DetachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId).assertOk();
        fixture.deleteNetworkInterface(eni);
        assertEquals("blackhole", routeState(table, "0.0.0.0/0"));
        assertEquals("blackhole", routeState(table, "192.168.0.0/16"));
        assertEquals(List.of(table), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.state", "Filter.1.Value.1", "blackhole")
                .texts("//routeTableSet/item/routeTableId"));
        api.ec2("DeleteInternetGateway", "InternetGatewayId", gatewayId).assertOk();
        assertEquals("blackhole", routeState(table, "0.0.0.0/0"));
    }

    @Test
    void quotasOnRoutesAndTables() {
        TestApi limited = new TestApi(Quotas.awsDefaults().with("routes-per-route-table", 2).with("route-tables-per-vpc", 2));
        NetworkFixture limitedFixture = new NetworkFixture(limited);
        String vpcId = limitedFixture.createVpc("10.1.0.0/16");
        String gatewayId = limited.ec2("CreateInternetGateway").text("//internetGateway/internetGatewayId");
        limited.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId).assertOk();
        String table = limited.ec2("CreateRouteTable", "VpcId", vpcId).assertOk().text("//routeTable/routeTableId");
        limited.ec2("CreateRouteTable", "VpcId", vpcId).assertError("RouteTableLimitExceeded");
        limited.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "1.0.0.0/8", "GatewayId", gatewayId).assertOk();
        limited.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "2.0.0.0/8", "GatewayId", gatewayId).assertOk();
        limited.ec2("CreateRoute", "RouteTableId", table, "DestinationCidrBlock", "3.0.0.0/8", "GatewayId", gatewayId)
                .assertError("RouteLimitExceeded");
    }

    @Test
    void describeFiltersPaginationAndDryRun() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        for (int i = 0; i < 4; i++) {
            createTable(vpcId);
        }
        TestApi.Response first = api.ec2("DescribeRouteTables", "MaxResults", "5").assertOk();
        assertEquals(5, first.texts("//routeTableSet/item").size());
        TestApi.Response second = api.ec2("DescribeRouteTables", "MaxResults", "5", "NextToken", first.text("//nextToken")).assertOk();
        assertEquals(1, second.texts("//routeTableSet/item").size(), "4 new, the new VPC's main and the default VPC's main");
        assertEquals(5, api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).texts("//routeTableSet/item").size());
        assertEquals(2, api.ec2("DescribeRouteTables", "Filter.1.Name", "association.main", "Filter.1.Value.1", "true")
                .texts("//routeTableSet/item").size());
        assertEquals(6, api.ec2("DescribeRouteTables", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "000000000000")
                .texts("//routeTableSet/item").size());
        assertEquals(List.of(fixture.mainRouteTable(fixture.defaultVpcId())), api.ec2("DescribeRouteTables", "Filter.1.Name", "route.origin",
                "Filter.1.Value.1", "CreateRoute", "Filter.2.Name", "route.state", "Filter.2.Value.1", "active")
                .texts("//routeTableSet/item/routeTableId"));
        api.ec2("DescribeRouteTables", "Filter.1.Name", "route.bogus", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("CreateRouteTable", "VpcId", vpcId, "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("DescribeRouteTables", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals(5, api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).texts("//routeTableSet/item").size());
    }

    @Test
    void deleteVpcTakesItsMainTableButNotOthers() {
        String vpcId = fixture.createVpc("10.1.0.0/16");
        String table = createTable(vpcId);
        api.ec2("DeleteVpc", "VpcId", vpcId).assertError("DependencyViolation");
        api.ec2("DeleteRouteTable", "RouteTableId", table).assertOk();
        api.ec2("DeleteVpc", "VpcId", vpcId).assertOk();
        assertEquals(0, api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).texts("//routeTableSet/item").size());
    }
}
