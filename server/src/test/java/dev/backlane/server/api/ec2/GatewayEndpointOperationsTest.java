package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.endpoint.VpcEndpointPolicies;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayEndpointOperationsTest {
    private static final String S3_PREFIX_LIST = "pl-63a5400a";
    private static final String DYNAMODB_PREFIX_LIST = "pl-02cd2c6b";

    private final TestApi api = new TestApi();
    private final EndpointFixture fixture = new EndpointFixture(api);

    @Test
    void gatewayEndpointIsTheDefaultTypeAndRoutesThePrefixListToItself() {
        TestApi.Response created = fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "RouteTableId.1", fixture.routeTableId,
                "TagSpecification.1.ResourceType", "vpc-endpoint", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "s3")
                .assertOk();
        String id = created.text("//vpcEndpoint/vpcEndpointId");
        assertTrue(id.matches("vpce-[0-9a-f]{17}"), id);
        assertEquals("Gateway", created.text("//vpcEndpoint/vpcEndpointType"));
        assertEquals("available", created.text("//vpcEndpoint/state"), "gateway endpoints are available at once");
        assertEquals(fixture.vpcId, created.text("//vpcEndpoint/vpcId"));
        assertEquals("com.amazonaws.us-east-1.s3", created.text("//vpcEndpoint/serviceName"));
        assertEquals(VpcEndpointPolicies.DEFAULT, created.text("//vpcEndpoint/policyDocument"));
        assertEquals(List.of(fixture.routeTableId), created.texts("//vpcEndpoint/routeTableIdSet/item"));
        assertEquals(List.of(), created.texts("//vpcEndpoint/subnetIdSet/item"));
        assertEquals(List.of(), created.texts("//vpcEndpoint/networkInterfaceIdSet/item"));
        assertEquals(List.of(), created.texts("//vpcEndpoint/dnsEntrySet/item"));
        assertEquals("false", created.text("//vpcEndpoint/privateDnsEnabled"));
        assertEquals("false", created.text("//vpcEndpoint/requesterManaged"));
        assertEquals("000000000000", created.text("//vpcEndpoint/ownerId"));
        assertEquals("2026-01-02T03:04:05.000Z", created.text("//vpcEndpoint/creationTimestamp"));
        assertEquals("s3", created.text("//vpcEndpoint/tagSet/item[key='Name']/value"));

        assertEquals(List.of(S3_PREFIX_LIST), fixture.routesTo(fixture.routeTableId, id));
        TestApi.Response table = api.ec2("DescribeRouteTables", "RouteTableId.1", fixture.routeTableId).assertOk();
        assertEquals("active", table.text("//routeSet/item[gatewayId='" + id + "']/state"));
        assertEquals("CreateRoute", table.text("//routeSet/item[gatewayId='" + id + "']/origin"));
    }

    @Test
    void modifyAddsAndRemovesRouteTablesAndTheirRoutes() {
        String main = api.ec2("DescribeRouteTables", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", fixture.vpcId, "Filter.2.Name",
                "association.main", "Filter.2.Value.1", "true").assertOk().text("//routeTableSet/item/routeTableId");
        String id = fixture.gateway("dynamodb", fixture.routeTableId);
        assertEquals("true", api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddRouteTableId.1", main, "RemoveRouteTableId.1",
                fixture.routeTableId).assertOk().text("//return"));
        assertEquals(List.of(main), fixture.describe(id).texts("//routeTableIdSet/item"));
        assertEquals(List.of(DYNAMODB_PREFIX_LIST), fixture.routesTo(main, id));
        assertEquals(List.of(), fixture.routesTo(fixture.routeTableId, id));

        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();
        assertEquals(List.of(), fixture.routesTo(main, id));
        assertEquals("deleting", fixture.describe(id).text("//vpcEndpointSet/item/state"));
    }

    @Test
    void oneRoutePerPrefixListPerTable() {
        fixture.gateway("s3", fixture.routeTableId);
        Object before = fixture.snapshot();
        TestApi.Response refused = fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "RouteTableId.1", fixture.routeTableId)
                .assertError("RouteAlreadyExists");
        assertTrue(refused.text("//Message").contains(fixture.routeTableId) && refused.text("//Message").contains(S3_PREFIX_LIST),
                refused.body());
        assertSame(before, fixture.snapshot());
        fixture.gateway("dynamodb", fixture.routeTableId);
    }

    @Test
    void deleteRouteCannotRemoveAnEndpointRoute() {
        String id = fixture.gateway("s3", fixture.routeTableId);
        api.ec2("DeleteRoute", "RouteTableId", fixture.routeTableId, "DestinationPrefixListId", S3_PREFIX_LIST)
                .assertError("InvalidParameterValue");
        assertEquals(List.of(S3_PREFIX_LIST), fixture.routesTo(fixture.routeTableId, id));
    }

    @Test
    void badGatewayRequestsAreRefusedAndChangeNothing() {
        String otherTable = api.ec2("CreateRouteTable", "VpcId", fixture.otherVpc()).assertOk().text("//routeTable/routeTableId");
        Object before = fixture.snapshot();
        assertMessage(fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "RouteTableId.1", fixture.routeTableId, "RouteTableId.2",
                otherTable).assertError("InvalidParameter"), otherTable);
        assertMessage(fixture.create("ServiceName", "com.amazonaws.us-east-1.ec2", "VpcEndpointType", "Gateway")
                .assertError("InvalidParameter"), "Gateway");
        assertMessage(fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "SubnetId.1", fixture.subnetA)
                .assertError("InvalidParameter"), "SubnetIds");
        assertMessage(fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "RouteTableId.1", "rtb-00000000000000999")
                .assertError("InvalidRouteTableID.NotFound"), "rtb-00000000000000999");
        fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "RouteTableId.1", "rtb-x").assertError("InvalidRouteTableID.Malformed");
        fixture.create("ServiceName", "com.amazonaws.us-east-1.nothing").assertError("InvalidServiceName");
        fixture.create("ServiceName", "com.amazonaws.us-east-1.s3", "PolicyDocument", "{not json").assertError("InvalidPolicyDocument");
        api.ec2("CreateVpcEndpoint", "VpcId", "vpc-00000000000000999", "ServiceName", "com.amazonaws.us-east-1.s3")
                .assertError("InvalidVpcID.NotFound");
        assertSame(before, fixture.snapshot());
    }

    @Test
    void modifyRefusesInterfaceSettingsAndForeignTablesAndChangesNothing() {
        String id = fixture.gateway("s3", fixture.routeTableId);
        String otherTable = api.ec2("CreateRouteTable", "VpcId", fixture.otherVpc()).assertOk().text("//routeTable/routeTableId");
        String secondTable = api.ec2("CreateRouteTable", "VpcId", fixture.vpcId).assertOk().text("//routeTable/routeTableId");
        Object before = fixture.snapshot();
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddRouteTableId.1", secondTable, "AddRouteTableId.2", otherTable)
                .assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "AddSubnetId.1", fixture.subnetA).assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PrivateDnsEnabled", "true").assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "RemoveRouteTableId.1", secondTable).assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", "vpce-00000000000000999", "ResetPolicy", "true").assertError("InvalidVpcEndpointId.NotFound");
        assertSame(before, fixture.snapshot());
        assertEquals(List.of(), fixture.routesTo(secondTable, id));
    }

    @Test
    void gatewayEndpointsPerRegionAreLimited() {
        TestApi limited = new TestApi(Quotas.awsDefaults().with("gateway-endpoints-per-region", 1));
        EndpointFixture small = new EndpointFixture(limited);
        small.gateway("s3");
        small.create("ServiceName", "com.amazonaws.us-east-1.dynamodb").assertError("VpcEndpointLimitExceeded");
    }

    @Test
    void policyIsCheckedAndResetRestoresTheDefault() {
        // AWS refuses malformed documents, with a message in plain words, but stores one that names an unknown action.
        String id = fixture.gateway("s3", fixture.routeTableId);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}]}";
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument", policy).assertOk();
        assertEquals(policy, fixture.describe(id).text("//policyDocument"));
        TestApi.Response refused = api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument", "{\"Statement\":[{\"Effect\":\"Allow\"}]}")
                .assertError("InvalidPolicyDocument");
        assertTrue(refused.text("//Message").startsWith("The Policy Document is not valid."), refused.body());
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument", "x".repeat(20_481)).assertError("InvalidPolicyDocument");
        assertEquals(policy, fixture.describe(id).text("//policyDocument"));
        TestApi.Response unclosed = api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument", "{\"Statement\": [")
                .assertError("InvalidPolicyDocument");
        assertEquals("The Policy Document is not valid. The policy document is not valid JSON at line 1, column 16: the document ends "
                + "before the list [ opened at line 1, column 15 is closed (at $)", unclosed.text("//Message"));
        String misspelled = policy.replace("s3:GetObject", "s3:GetObjects");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "PolicyDocument", misspelled).assertOk();
        assertEquals(misspelled, fixture.describe(id).text("//policyDocument"));
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "ResetPolicy", "true", "PolicyDocument", policy)
                .assertError("InvalidParameterCombination");
        api.ec2("ModifyVpcEndpoint", "VpcEndpointId", id, "ResetPolicy", "true").assertOk();
        assertEquals(VpcEndpointPolicies.DEFAULT, fixture.describe(id).text("//policyDocument"));
    }

    @Test
    void deleteVpcIsRefusedWhileAnEndpointIsInIt() {
        String id = fixture.gateway("s3");
        api.ec2("DeleteVpc", "VpcId", fixture.vpcId).assertError("DependencyViolation");
        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();
        api.ec2("DescribeVpcEndpoints", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", fixture.vpcId).assertOk();
    }

    @Test
    void deletedGatewayEndpointLosesItsRoutesAtOnceAndIsDeleting() {
        String id = fixture.gateway("s3", fixture.routeTableId);
        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", id).assertOk();
        assertEquals(List.of(), fixture.routesTo(fixture.routeTableId, id));
        TestApi.Response described = fixture.describe(id);
        assertEquals("deleting", described.text("//vpcEndpointSet/item/state"));
        assertEquals(List.of(), described.texts("//vpcEndpointSet/item/routeTableIdSet/item"));
        api.ec2("DeleteRouteTable", "RouteTableId", fixture.routeTableId).assertOk();
        assertEquals("available", api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", fixture.gateway("s3")).assertOk()
                .text("//vpcEndpointSet/item/state"), "a deleting endpoint does not count against the one-per-service rule or quota");
    }

    private static void assertMessage(TestApi.Response response, String expectedPart) {
        assertTrue(response.text("//Message").contains(expectedPart), response.body());
    }
}
