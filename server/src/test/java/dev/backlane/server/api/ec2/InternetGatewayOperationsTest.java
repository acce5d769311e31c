package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternetGatewayOperationsTest {
    private final TestApi api = new TestApi();
    private final NetworkFixture fixture = new NetworkFixture(api);

    private String createGateway() {
        return api.ec2("CreateInternetGateway").assertOk().text("//internetGateway/internetGatewayId");
    }

    @Test
    void defaultVpcHasAnAttachedGatewayShownAvailable() {
        String vpcId = fixture.defaultVpcId();
        TestApi.Response response = api.ec2("DescribeInternetGateways", "Filter.1.Name", "attachment.vpc-id", "Filter.1.Value.1", vpcId)
                .assertOk();
        assertEquals(1, response.texts("//internetGatewaySet/item").size());
        assertEquals("available", response.text("//internetGatewaySet/item/attachmentSet/item/state"));
        assertEquals("000000000000", response.text("//internetGatewaySet/item/ownerId"));
    }

    @Test
    void createAttachDetachDelete() {
        String gatewayId = createGateway();
        assertTrue(gatewayId.matches("igw-[0-9a-f]{17}"), gatewayId);
        String vpcId = fixture.createVpc("10.1.0.0/16");
        api.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId).assertOk();
        assertEquals(vpcId, api.ec2("DescribeInternetGateways", "InternetGatewayId.1", gatewayId)
                .text("//internetGatewaySet/item/attachmentSet/item/vpcId"));
        TestApi.Response inUse = api.ec2("DeleteInternetGateway", "InternetGatewayId", gatewayId).assertError("DependencyViolation");
        assertEquals("The internetGateway '" + gatewayId + "' has dependencies and cannot be deleted.", inUse.text("//Message"));
        api.ec2("DeleteVpc", "VpcId", vpcId).assertError("DependencyViolation");
        api.ec2("DetachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId).assertOk();
        assertEquals(0, api.ec2("DescribeInternetGateways", "InternetGatewayId.1", gatewayId)
                .texts("//internetGatewaySet/item/attachmentSet/item").size());
        api.ec2("DeleteInternetGateway", "InternetGatewayId", gatewayId).assertOk();
        api.ec2("DescribeInternetGateways", "InternetGatewayId.1", gatewayId).assertError("InvalidInternetGatewayID.NotFound");
        api.ec2("DeleteVpc", "VpcId", vpcId).assertOk();
    }

    @Test
    void oneVpcPerGatewayAndOneGatewayPerVpc() {
        String gatewayId = createGateway();
        String first = fixture.createVpc("10.1.0.0/16");
        String second = fixture.createVpc("10.2.0.0/16");
        api.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", first).assertOk();
        TestApi.Response twice = api.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", second)
                .assertError("Resource.AlreadyAssociated");
        assertEquals("resource " + gatewayId + " is already attached to network " + first, twice.text("//Message"));
        String other = createGateway();
        TestApi.Response vpcTaken = api.ec2("AttachInternetGateway", "InternetGatewayId", other, "VpcId", first)
                .assertError("InvalidParameterValue");
        assertTrue(vpcTaken.text("//Message").contains(first), vpcTaken.body());
    }

    @Test
    void detachFromWrongVpcIsGatewayNotAttached() {
        String gatewayId = createGateway();
        String vpcId = fixture.createVpc("10.1.0.0/16");
        TestApi.Response response = api.ec2("DetachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId)
                .assertError("Gateway.NotAttached");
        assertEquals("resource " + gatewayId + " is not attached to network " + vpcId, response.text("//Message"));
        api.ec2("AttachInternetGateway", "InternetGatewayId", "igw-00000000000000999", "VpcId", vpcId)
                .assertError("InvalidInternetGatewayID.NotFound");
        api.ec2("AttachInternetGateway", "InternetGatewayId", "igw-bad", "VpcId", vpcId).assertError("InvalidInternetGatewayID.Malformed");
        api.ec2("AttachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", "vpc-00000000000000999").assertError("InvalidVpcID.NotFound");
    }

    @Test
    void detachIsRefusedWhileAnElasticIpIsMappedInTheVpc() {
        String vpcId = fixture.defaultVpcId();
        String gatewayId = api.ec2("DescribeInternetGateways").text("//internetGatewaySet/item/internetGatewayId");
        String eni = fixture.networkInterface(fixture.defaultSubnet().id());
        String allocationId = api.ec2("AllocateAddress", "Domain", "vpc").assertOk().text("//allocationId");
        api.ec2("AssociateAddress", "AllocationId", allocationId, "NetworkInterfaceId", eni).assertOk();
        TestApi.Response response = api.ec2("DetachInternetGateway", "InternetGatewayId", gatewayId, "VpcId", vpcId)
                .assertError("DependencyViolation");
        assertTrue(response.text("//Message").contains("mapped public address"), response.body());
    }

    @Test
    void filtersDryRunAndQuota() {
        String detached = createGateway();
        api.ec2("CreateTags", "ResourceId.1", detached, "Tag.1.Key", "Name", "Tag.1.Value", "spare").assertOk();
        assertEquals(List.of(detached), api.ec2("DescribeInternetGateways", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "spare")
                .texts("//internetGatewaySet/item/internetGatewayId"));
        assertEquals(1, api.ec2("DescribeInternetGateways", "Filter.1.Name", "attachment.state", "Filter.1.Value.1", "available")
                .texts("//internetGatewaySet/item").size());
        api.ec2("DescribeInternetGateways", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("CreateInternetGateway", "DryRun", "true").assertError(412, "DryRunOperation");
        assertEquals(2, api.ec2("DescribeInternetGateways").texts("//internetGatewaySet/item").size());

        TestApi limited = new TestApi(Quotas.awsDefaults().with("internet-gateways-per-region", 2));
        limited.ec2("CreateInternetGateway").assertOk();
        limited.ec2("CreateInternetGateway").assertError("InternetGatewayLimitExceeded");
    }

    @Test
    void describePaginates() {
        for (int i = 0; i < 3; i++) {
            createGateway();
        }
        TestApi.Response first = api.ec2("DescribeInternetGateways", "MaxResults", "5").assertOk();
        assertEquals(4, first.texts("//internetGatewaySet/item").size());
        assertEquals(null, first.text("//nextToken"));
        TestApi limited = new TestApi(Quotas.awsDefaults().with("internet-gateways-per-region", 20));
        for (int i = 0; i < 6; i++) {
            limited.ec2("CreateInternetGateway").assertOk();
        }
        TestApi.Response page = limited.ec2("DescribeInternetGateways", "MaxResults", "5").assertOk();
        assertEquals(5, page.texts("//internetGatewaySet/item").size());
        assertEquals(2, limited.ec2("DescribeInternetGateways", "MaxResults", "5", "NextToken", page.text("//nextToken"))
                .texts("//internetGatewaySet/item").size());
    }
}
