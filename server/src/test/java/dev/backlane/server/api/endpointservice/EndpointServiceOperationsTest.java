package dev.backlane.server.api.endpointservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Subnet;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointServiceOperationsTest {
    private final ProviderFixture fixture = new ProviderFixture();
    private final TestApi api = fixture.api;

    @Test
    void serviceIsNamedForItsIdAndTurnsAvailable() {
        String arn = fixture.activeNetworkLoadBalancer("svc", 0, 1);
        TestApi.Response created = api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", arn,
                "AcceptanceRequired", "true", "TagSpecification.1.ResourceType", "vpc-endpoint-service",
                "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "mine").assertOk();

        String id = created.text("//serviceConfiguration/serviceId");
        assertTrue(id.matches("vpce-svc-[0-9a-f]{17}"), id);
        assertEquals("com.amazonaws.vpce.us-east-1." + id, created.text("//serviceConfiguration/serviceName"));
        assertEquals("Pending", created.text("//serviceConfiguration/serviceState"));
        assertEquals("Interface", created.text("//serviceConfiguration/serviceType/item/serviceType"));
        assertEquals("true", created.text("//serviceConfiguration/acceptanceRequired"));
        assertEquals("false", created.text("//serviceConfiguration/managesVpcEndpoints"));
        assertEquals(List.of(arn), created.texts("//serviceConfiguration/networkLoadBalancerArnSet/item"));
        assertEquals(List.of(id + ".us-east-1.vpce.amazonaws.com"), created.texts("//serviceConfiguration/baseEndpointDnsNameSet/item"));
        assertEquals(List.of("ipv4"), created.texts("//serviceConfiguration/supportedIpAddressTypeSet/item"));
        assertEquals("ServiceOwner", created.text("//serviceConfiguration/payerResponsibility"));
        assertEquals("mine", created.text("//serviceConfiguration/tagSet/item[key='Name']/value"));

        fixture.clock.advance(Duration.ofSeconds(1));
        assertEquals("Available", api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).assertOk()
                .text("//serviceConfigurationSet/item/serviceState"));
    }

    @Test
    void zonesAreTheLoadBalancersZones() {
        fixture.asProvider();
        List<Subnet> subnets = fixture.defaultSubnets();
        String first = fixture.activeNetworkLoadBalancer("one", 0, 1);
        String second = fixture.activeNetworkLoadBalancer("two", 1, 2);
        TestApi.Response response = fixture.createService(first, "NetworkLoadBalancerArn.2", second).assertOk();
        // Sorted by the owner's zone names, each zone ID beside its name.
        List<Subnet> byName = subnets.subList(0, 3).stream().sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).toList();
        assertEquals(byName.stream().map(Subnet::availabilityZone).toList(), response.texts("//serviceConfiguration/availabilityZoneSet/item"));
        assertEquals(byName.stream().map(Subnet::availabilityZoneId).toList(), response.texts("//serviceConfiguration/availabilityZoneIdSet/item"));

        String id = response.text("//serviceConfiguration/serviceId");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "RemoveNetworkLoadBalancerArn.1", second).assertOk();
        assertEquals(subnets.subList(0, 2).stream().map(Subnet::availabilityZone).sorted().toList(),
                api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).texts("//availabilityZoneSet/item"));
    }

    @Test
    void loadBalancersMustBeTheCallersActiveOnesOfOneType() {
        fixture.asProvider();
        api.ec2("CreateVpcEndpointServiceConfiguration", "AcceptanceRequired", "true").assertError("InvalidParameter");
        String unknown = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/none/0123456789abcdef";
        api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", unknown).assertError("InvalidParameter");
        api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", "not-an-arn").assertError("InvalidParameter");

        String provisioning = api.call("elasticloadbalancing", "CreateLoadBalancer", "Name", "young", "Type", "network",
                "Subnets.member.1", fixture.defaultSubnets().get(0).id()).assertOk().text("//LoadBalancerArn");
        TestApi.Response young = api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", provisioning)
                .assertError("InvalidParameter");
        assertTrue(young.text("//Message").contains("active"), young.body());

        String active = fixture.activeNetworkLoadBalancer("active", 0);
        api.ec2("CreateVpcEndpointServiceConfiguration", "GatewayLoadBalancerArn.1", active).assertError("InvalidParameter");
        api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", active, "GatewayLoadBalancerArn.1", active)
                .assertError("InvalidParameter");

        fixture.asConsumer();
        api.ec2("CreateVpcEndpointServiceConfiguration", "NetworkLoadBalancerArn.1", active).assertError("InvalidParameter");
        fixture.asProvider();
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServiceConfigurations").assertOk().texts("//serviceConfigurationSet/item"));
    }

    @Test
    void aLoadBalancerServesOneServiceAndCannotBeDeletedWhileItDoes() {
        String arn = fixture.activeNetworkLoadBalancer("used", 0);
        String id = fixture.serviceId(arn);
        fixture.createService(arn).assertError("InvalidParameter");
        api.call("elasticloadbalancing", "DeleteLoadBalancer", "LoadBalancerArn", arn).assertError("ResourceInUse");

        api.ec2("DeleteVpcEndpointServiceConfigurations", "ServiceId.1", id).assertOk();
        api.call("elasticloadbalancing", "DeleteLoadBalancer", "LoadBalancerArn", arn).assertOk();
    }

    @Test
    void modifyChangesLoadBalancersAcceptanceAndIpTypes() {
        String first = fixture.activeNetworkLoadBalancer("first", 0);
        String second = fixture.activeNetworkLoadBalancer("second", 1);
        String id = fixture.serviceId(first, "AcceptanceRequired", "false");

        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "AddNetworkLoadBalancerArn.1", second, "AcceptanceRequired", "true")
                .assertOk();
        TestApi.Response described = api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).assertOk();
        assertEquals(List.of(first, second), described.texts("//networkLoadBalancerArnSet/item"));
        assertEquals("true", described.text("//acceptanceRequired"));

        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "RemoveNetworkLoadBalancerArn.1", first,
                "RemoveNetworkLoadBalancerArn.2", second).assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "AddGatewayLoadBalancerArn.1", first).assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "AddSupportedIpAddressType.1", "ipv6").assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "RemoveSupportedIpAddressType.1", "ipv4").assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", "vpce-svc-0123456789abcdef0").assertError("InvalidVpcEndpointServiceId.NotFound");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", "svc-1").assertError("InvalidVpcEndpointServiceId.Malformed");
        assertEquals(List.of(first, second), api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id)
                .texts("//networkLoadBalancerArnSet/item"));
    }

    @Test
    void privateDnsNameIsVerifiedThroughATxtRecord() {
        String arn = fixture.activeNetworkLoadBalancer("dns", 0);
        TestApi.Response created = fixture.createService(arn, "PrivateDnsName", "api.example.com").assertOk();
        String id = created.text("//serviceConfiguration/serviceId");
        assertEquals("api.example.com", created.text("//serviceConfiguration/privateDnsName"));
        assertEquals("pendingVerification", created.text("//privateDnsNameConfiguration/state"));
        assertEquals("TXT", created.text("//privateDnsNameConfiguration/type"));
        assertTrue(created.text("//privateDnsNameConfiguration/name").matches("_[0-9a-f]{20}"), created.body());
        String value = created.text("//privateDnsNameConfiguration/value");
        assertTrue(value.matches("vpce:[0-9a-f]{20}"), value);

        api.ec2("StartVpcEndpointServicePrivateDnsVerification", "ServiceId", id).assertOk();
        TestApi.Response verified = api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).assertOk();
        assertEquals("verified", verified.text("//privateDnsNameConfiguration/state"));
        assertEquals(value, verified.text("//privateDnsNameConfiguration/value"));

        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "PrivateDnsName", "other.example.com").assertOk();
        assertEquals("pendingVerification", api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id)
                .text("//privateDnsNameConfiguration/state"));
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "PrivateDnsName", "x.example.com", "RemovePrivateDnsName", "true")
                .assertError("InvalidParameterCombination");
        api.ec2("ModifyVpcEndpointServiceConfiguration", "ServiceId", id, "RemovePrivateDnsName", "true").assertOk();
        TestApi.Response removed = api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).assertOk();
        assertNull(removed.text("//privateDnsName"));
        assertNull(removed.text("//privateDnsNameConfiguration/state"));
        api.ec2("StartVpcEndpointServicePrivateDnsVerification", "ServiceId", id).assertError("InvalidParameter");
        fixture.createService(fixture.activeNetworkLoadBalancer("bad", 1), "PrivateDnsName", "not a name").assertError("InvalidParameter");
    }

    @Test
    void payerResponsibilityIsTheServiceOwner() {
        String id = fixture.serviceId(fixture.activeNetworkLoadBalancer("payer", 0));
        assertEquals("true", api.ec2("ModifyVpcEndpointServicePayerResponsibility", "ServiceId", id, "PayerResponsibility", "ServiceOwner")
                .assertOk().text("//return"));
        api.ec2("ModifyVpcEndpointServicePayerResponsibility", "ServiceId", id, "PayerResponsibility", "Consumer")
                .assertError("InvalidParameterValue");
    }

    @Test
    void describeFiltersAndPages() {
        String first = fixture.serviceId(fixture.activeNetworkLoadBalancer("a", 0));
        String second = fixture.serviceId(fixture.activeNetworkLoadBalancer("b", 1));
        api.ec2("CreateTags", "ResourceId.1", second, "Tag.1.Key", "team", "Tag.1.Value", "blue").assertOk();

        assertEquals(List.of(second), api.ec2("DescribeVpcEndpointServiceConfigurations", "Filter.1.Name", "tag:team", "Filter.1.Value.1", "blue")
                .assertOk().texts("//serviceConfigurationSet/item/serviceId"));
        assertEquals(List.of(first), api.ec2("DescribeVpcEndpointServiceConfigurations", "Filter.1.Name", "service-name",
                "Filter.1.Value.1", fixture.serviceName(first)).assertOk().texts("//serviceConfigurationSet/item/serviceId"));
        assertEquals(List.of(first, second), api.ec2("DescribeVpcEndpointServiceConfigurations", "Filter.1.Name", "service-state",
                "Filter.1.Value.1", "Available", "Filter.2.Name", "supported-ip-address-types", "Filter.2.Value.1", "ipv4")
                .assertOk().texts("//serviceConfigurationSet/item/serviceId"));
        api.ec2("DescribeVpcEndpointServiceConfigurations", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");

        TestApi.Response page = api.ec2("DescribeVpcEndpointServiceConfigurations", "MaxResults", "5").assertOk();
        assertEquals(2, page.texts("//serviceConfigurationSet/item").size());
        api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", "vpce-svc-0123456789abcdef0")
                .assertError("InvalidVpcEndpointServiceId.NotFound");

        fixture.asConsumer();
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServiceConfigurations").assertOk().texts("//serviceConfigurationSet/item"));
    }

    @Test
    void deleteReportsEachServiceItCannotDelete() {
        String id = fixture.serviceId(fixture.activeNetworkLoadBalancer("gone", 0));
        TestApi.Response response = api.ec2("DeleteVpcEndpointServiceConfigurations", "ServiceId.1", id, "ServiceId.2",
                "vpce-svc-0123456789abcdef0", "ServiceId.3", "bad").assertOk();
        assertEquals(List.of("vpce-svc-0123456789abcdef0", "bad"), response.texts("//unsuccessful/item/resourceId"));
        assertEquals(List.of("InvalidVpcEndpointServiceId.NotFound", "InvalidVpcEndpointServiceId.Malformed"),
                response.texts("//unsuccessful/item/error/code"));
        api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", id).assertError("InvalidVpcEndpointServiceId.NotFound");
    }
}
