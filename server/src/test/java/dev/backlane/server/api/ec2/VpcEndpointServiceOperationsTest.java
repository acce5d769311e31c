package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpcEndpointServiceOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void awsServicesOfTheRegionAreListedWithTheirDetails() {
        TestApi.Response all = api.ec2("DescribeVpcEndpointServices").assertOk();
        List<String> names = all.texts("//serviceNameSet/item");
        assertTrue(names.size() >= 40, names.toString());
        assertTrue(names.containsAll(List.of("com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.ec2", "com.amazonaws.us-east-1.sts")));

        String ec2 = "//serviceDetailSet/item[serviceName='com.amazonaws.us-east-1.ec2']";
        assertEquals("Interface", all.text(ec2 + "/serviceType/item/serviceType"));
        assertEquals("amazon", all.text(ec2 + "/owner"));
        assertEquals("us-east-1", all.text(ec2 + "/serviceRegion"));
        assertEquals("ec2.us-east-1.amazonaws.com", all.text(ec2 + "/privateDnsName"));
        assertEquals("ec2.us-east-1.amazonaws.com", all.text(ec2 + "/privateDnsNameSet/item/privateDnsName"));
        assertEquals("verified", all.text(ec2 + "/privateDnsNameVerificationState"));
        assertEquals(List.of("ec2.us-east-1.vpce.amazonaws.com"), all.texts(ec2 + "/baseEndpointDnsNameSet/item"));
        assertEquals("true", all.text(ec2 + "/vpcEndpointPolicySupported"));
        assertEquals("false", all.text(ec2 + "/acceptanceRequired"));
        assertEquals("false", all.text(ec2 + "/managesVpcEndpoints"));
        assertEquals("ServiceOwner", all.text(ec2 + "/payerResponsibility"));
        assertEquals(List.of("ipv4"), all.texts(ec2 + "/supportedIpAddressTypeSet/item"));
        assertTrue(all.text(ec2 + "/serviceId").matches("vpce-svc-[0-9a-f]{17}"));
        List<String> zones = all.texts(ec2 + "/availabilityZoneSet/item");
        assertEquals(5, zones.size(), "not offered in use1-az3");
        assertTrue(!zones.contains("us-east-1e"));
        assertEquals(5, all.texts(ec2 + "/availabilityZoneIdSet/item").size());

        List<String> s3Types = all.texts("//serviceDetailSet/item[serviceName='com.amazonaws.us-east-1.s3']/serviceType/item/serviceType");
        assertEquals(List.of("Gateway", "Interface"), s3Types, "one detail per endpoint type");
        assertEquals(null, all.text("//serviceDetailSet/item[serviceName='com.amazonaws.us-east-1.s3'][serviceType/item/serviceType='Gateway']/privateDnsName"));
    }

    @Test
    void filtersSelectServices() {
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"),
                names("Filter.1.Name", "service-type", "Filter.1.Value.1", "Gateway"));
        assertEquals(List.of("com.amazonaws.us-east-1.kms"), names("Filter.1.Name", "service-name", "Filter.1.Value.1", "*.kms"));
        assertTrue(names("Filter.1.Name", "supported-ip-address-types", "Filter.1.Value.1", "ipv6").contains("com.amazonaws.us-east-1.s3"));
        assertTrue(names("Filter.1.Name", "owner", "Filter.1.Value.1", "amazon").size() >= 40);
        assertEquals(List.of(), names("Filter.1.Name", "service-region", "Filter.1.Value.1", "us-west-2"));
        assertEquals(List.of(), names("Filter.1.Name", "tag:team", "Filter.1.Value.1", "x"));
        api.ec2("DescribeVpcEndpointServices", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
    }

    @Test
    void servicesAreSortedByNameFilteredOrNot() {
        TestApi.Response all = api.ec2("DescribeVpcEndpointServices").assertOk();
        List<String> names = all.texts("//serviceNameSet/item");
        assertEquals(names.stream().sorted().toList(), names);
        List<String> detailNames = all.texts("//serviceDetailSet/item/serviceName");
        assertEquals(detailNames.stream().sorted().toList(), detailNames);
        assertEquals(List.of("com.amazonaws.us-east-1.ec2", "com.amazonaws.us-east-1.kms", "com.amazonaws.us-east-1.sts"),
                names("ServiceName.1", "com.amazonaws.us-east-1.sts", "ServiceName.2", "com.amazonaws.us-east-1.kms", "ServiceName.3",
                        "com.amazonaws.us-east-1.ec2"));
        List<String> interfaces = names("Filter.1.Name", "service-type", "Filter.1.Value.1", "Interface");
        assertEquals(interfaces.stream().sorted().toList(), interfaces);
        assertTrue(interfaces.size() >= 40);
    }

    @Test
    void namedServicesMustExistInTheRegion() {
        TestApi.Response named = api.ec2("DescribeVpcEndpointServices", "ServiceName.1", "com.amazonaws.us-east-1.sts").assertOk();
        assertEquals(List.of("com.amazonaws.us-east-1.sts"), named.texts("//serviceNameSet/item"));
        TestApi.Response unknown = api.ec2("DescribeVpcEndpointServices", "ServiceName.1", "com.amazonaws.us-east-1.nothing")
                .assertError("InvalidServiceName");
        assertEquals("The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist", unknown.text("//Message"));
        api.ec2("DescribeVpcEndpointServices", "ServiceName.1", "com.amazonaws.us-west-2.sts").assertError("InvalidServiceName");
        api.as("000000000000", "us-west-2");
        assertEquals(List.of("com.amazonaws.us-west-2.sts"),
                api.ec2("DescribeVpcEndpointServices", "ServiceName.1", "com.amazonaws.us-west-2.sts").assertOk().texts("//serviceNameSet/item"));
    }

    @Test
    void serviceOfAnotherRegionIsUnknownToCreateVpcEndpoint() {
        EndpointFixture fixture = new EndpointFixture(api);
        fixture.create("ServiceName", "com.amazonaws.us-west-2.s3").assertError("InvalidServiceName");
        fixture.create("ServiceName", "com.amazonaws.us-west-2.s3", "ServiceRegion", "us-west-2").assertError("InvalidServiceName");
    }

    @Test
    void pagesCoverEveryServiceOnce() {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            TestApi.Response page = token == null ? api.ec2("DescribeVpcEndpointServices", "MaxResults", "10").assertOk()
                    : api.ec2("DescribeVpcEndpointServices", "MaxResults", "10", "NextToken", token).assertOk();
            assertTrue(page.texts("//serviceDetailSet/item").size() <= 10);
            seen.addAll(page.texts("//serviceDetailSet/item/serviceId"));
            token = page.text("//nextToken");
            pages++;
        } while (token != null);
        assertEquals(api.ec2("DescribeVpcEndpointServices").assertOk().texts("//serviceDetailSet/item/serviceId"), seen);
        assertTrue(pages > 1);
        api.ec2("DescribeVpcEndpointServices", "NextToken", "garbage").assertError("InvalidParameterValue");
    }

    private List<String> names(String... parameters) {
        return api.ec2("DescribeVpcEndpointServices", parameters).assertOk().texts("//serviceNameSet/item");
    }
}
