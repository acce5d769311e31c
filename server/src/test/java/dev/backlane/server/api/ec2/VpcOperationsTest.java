package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void createVpcComesWithMainRouteTableDefaultGroupAndAcl() {
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").assertOk().text("//vpc/vpcId");
        assertTrue(vpcId.matches("vpc-[0-9a-f]{17}"), vpcId);
        var vpc = api.cloud().snapshot().scope(new dev.backlane.core.model.Scope("000000000000", "us-east-1"));
        assertEquals(1, vpc.all(dev.backlane.core.model.ResourceTypes.ROUTE_TABLE).stream()
                .filter(table -> table.vpcId().equals(vpcId) && table.isMain()).count());
        assertEquals(1, vpc.all(dev.backlane.core.model.ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpcId) && group.isDefault()).count());
        assertEquals(1, vpc.all(dev.backlane.core.model.ResourceTypes.NETWORK_ACL).stream()
                .filter(acl -> acl.vpcId().equals(vpcId) && acl.isDefault()).count());
    }

    @Test
    void newVpcHasDnsSupportButNoHostnames() {
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        assertEquals("true", api.ec2("DescribeVpcAttribute", "VpcId", vpcId, "Attribute", "enableDnsSupport")
                .assertOk().text("//enableDnsSupport/value"));
        assertEquals("false", api.ec2("DescribeVpcAttribute", "VpcId", vpcId, "Attribute", "enableDnsHostnames")
                .assertOk().text("//enableDnsHostnames/value"));
    }

    @Test
    void invalidCidrsAreRefusedNamingTheParameter() {
        for (String cidr : List.of("10.0.0.0/33", "300.1.1.1/16", "10.0.0.1/16", "banana")) {
            TestApi.Response response = api.ec2("CreateVpc", "CidrBlock", cidr).assertError("InvalidParameterValue");
            assertTrue(response.text("//Message").contains("cidrBlock"), response.body());
        }
        api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/8").assertError("InvalidVpc.Range");
        api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/29").assertError("InvalidVpc.Range");
        assertEquals(1, api.ec2("DescribeVpcs").texts("//vpcSet/item").size(), "only the default VPC");
    }

    @Test
    void dryRunValidatesAndChangesNothing() {
        api.ec2("CreateVpc", "CidrBlock", "10.2.0.0/16", "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("CreateVpc", "CidrBlock", "10.2.0.0/33", "DryRun", "true").assertError("InvalidParameterValue");
        assertEquals(1, api.ec2("DescribeVpcs").texts("//vpcSet/item").size());
    }

    @Test
    void deleteVpcWithDependentsFails() {
        String defaultVpc = api.ec2("DescribeVpcs", "Filter.1.Name", "is-default", "Filter.1.Value.1", "true").text("//vpcSet/item/vpcId");
        api.ec2("DeleteVpc", "VpcId", defaultVpc).assertError("DependencyViolation");
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        api.ec2("DeleteVpc", "VpcId", vpcId).assertOk();
        api.ec2("DescribeVpcs", "VpcId.1", vpcId).assertError("InvalidVpcID.NotFound");
        assertFalse(api.ec2("DescribeVpcs").body().contains(vpcId));
    }

    @Test
    void describeFiltersPaginatesAndRejectsUnknownFilters() {
        api.ec2("DescribeVpcs", "Filter.1.Name", "no-such-filter", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("DescribeVpcs", "VpcId.1", "vpc-zzz").assertError("InvalidVpcID.Malformed");
        api.ec2("DescribeVpcs", "MaxResults", "4").assertError("InvalidParameterValue");
        TestApi api2 = new TestApi(dev.backlane.core.network.Quotas.awsDefaults().with("vpcs-per-region", 20));
        for (int i = 0; i < 7; i++) {
            api2.ec2("CreateVpc", "CidrBlock", "10." + i + ".0.0/16", "TagSpecification.1.ResourceType", "vpc",
                    "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "net-" + i).assertOk();
        }
        assertEquals(7, api2.ec2("DescribeVpcs", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "net-?").texts("//vpcSet/item").size());
        TestApi.Response first = api2.ec2("DescribeVpcs", "MaxResults", "5").assertOk();
        assertEquals(5, first.texts("//vpcSet/item").size());
        TestApi.Response second = api2.ec2("DescribeVpcs", "MaxResults", "5", "NextToken", first.text("//nextToken")).assertOk();
        assertEquals(3, second.texts("//vpcSet/item").size());
        assertEquals(null, second.text("//nextToken"));
        api2.ec2("DescribeVpcs", "NextToken", "garbage!").assertError("InvalidParameterValue");
    }

    @Test
    void clientTokenIsUnknownToCreateVpcAsInTheModel() {
        api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16", "ClientToken", "abc").assertError("UnknownParameter");
    }

    @Test
    void unknownActionsParametersAndUnimplementedOperations() {
        api.ec2("NoSuchAction").assertError("InvalidAction");
        api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16", "Bogus", "1").assertError("UnknownParameter");
        api.ec2("DescribeVpcs", "MaxResults", "many").assertError("InvalidParameterValue");
        api.ec2("DescribeVpcAttribute", "VpcId", "vpc-12345678").assertError("MissingParameter");
        api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16", "InstanceTenancy", "shared").assertError("InvalidParameterValue");
        api.ec2("AcceptReservedInstancesExchangeQuote", "ReservedInstanceId.1", "x").assertError("UnsupportedOperation");
    }

    @Test
    void vpcQuotaIsAwsDefault() {
        for (int i = 0; i < 4; i++) {
            api.ec2("CreateVpc", "CidrBlock", "10." + i + ".0.0/16").assertOk();
        }
        api.ec2("CreateVpc", "CidrBlock", "10.99.0.0/16").assertError("VpcLimitExceeded");
    }
}
