package dev.backlane.server.api.endpointservice;

import static dev.backlane.server.api.endpointservice.ProviderFixture.CONSUMER;
import static dev.backlane.server.api.endpointservice.ProviderFixture.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Subnet;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Provider and consumer in different accounts: visibility, connection, acceptance, rejection, deletion. */
class EndpointConnectionOperationsTest {
    private final ProviderFixture fixture = new ProviderFixture();
    private final TestApi api = fixture.api;

    private String allow(String serviceId, String principal) {
        fixture.asProvider();
        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", serviceId, "AddAllowedPrincipals.1", principal).assertOk();
        return serviceId;
    }

    private TestApi.Response connect(String serviceName, Subnet... subnets) {
        fixture.asConsumer();
        String[] parameters = new String[6 + 2 * subnets.length];
        parameters[0] = "VpcEndpointType";
        parameters[1] = "Interface";
        parameters[2] = "VpcId";
        parameters[3] = subnets[0].vpcId();
        parameters[4] = "ServiceName";
        parameters[5] = serviceName;
        for (int i = 0; i < subnets.length; i++) {
            parameters[6 + 2 * i] = "SubnetId." + (i + 1);
            parameters[7 + 2 * i] = subnets[i].id();
        }
        return api.ec2("CreateVpcEndpoint", parameters);
    }

    private String endpointState(String endpointId) {
        fixture.asConsumer();
        return api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", endpointId).assertOk().text("//vpcEndpointSet/item/state");
    }

    @Test
    void aConsumerThatIsNotAllowedCanNeitherSeeNorConnect() {
        String serviceId = fixture.serviceId(fixture.activeNetworkLoadBalancer("private", 0, 1));
        String serviceName = fixture.serviceName(serviceId);
        assertEquals(List.of(serviceName), api.ec2("DescribeVpcEndpointServices", "ServiceName.1", serviceName).assertOk()
                .texts("//serviceDetailSet/item/serviceName"), "the owner always sees its service");

        fixture.asConsumer();
        Subnet subnet = fixture.defaultSubnets().get(0);
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServices", "Filter.1.Name", "service-name", "Filter.1.Value.1", serviceName)
                .assertOk().texts("//serviceDetailSet/item"));
        assertTrue(connect(serviceName, subnet).assertError("InvalidServiceName").text("//Message").contains(serviceName));

        allow(serviceId, "arn:aws:iam::" + CONSUMER + ":root");
        fixture.asConsumer();
        TestApi.Response visible = api.ec2("DescribeVpcEndpointServices", "Filter.1.Name", "service-name", "Filter.1.Value.1", serviceName)
                .assertOk();
        assertEquals(PROVIDER, visible.text("//serviceDetailSet/item/owner"));
        assertEquals("Interface", visible.text("//serviceDetailSet/item/serviceType/item/serviceType"));
        assertEquals("true", visible.text("//serviceDetailSet/item/acceptanceRequired"));
        assertEquals("false", visible.text("//serviceDetailSet/item/managesVpcEndpoints"));
        assertEquals(2, visible.texts("//serviceDetailSet/item/availabilityZoneSet/item").size());
        assertEquals(List.of(serviceId + ".us-east-1.vpce.amazonaws.com"), visible.texts("//serviceDetailSet/item/baseEndpointDnsNameSet/item"));
        connect(serviceName, subnet).assertOk();
    }

    @Test
    void aRoleArnAdmitsItsAccountAndStarAdmitsEveryone() {
        String serviceId = fixture.serviceId(fixture.activeNetworkLoadBalancer("roles", 0));
        String serviceName = fixture.serviceName(serviceId);
        allow(serviceId, "arn:aws:iam::" + CONSUMER + ":role/connector");
        fixture.asConsumer();
        connect(serviceName, fixture.defaultSubnets().get(0)).assertOk();

        api.as("333333333333", "us-east-1");
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServices", "ServiceName.1", serviceName).texts("//serviceDetailSet/item"));
        allow(serviceId, "*");
        api.as("333333333333", "us-east-1");
        assertEquals(List.of(serviceName), api.ec2("DescribeVpcEndpointServices", "ServiceName.1", serviceName).assertOk()
                .texts("//serviceDetailSet/item/serviceName"));
    }

    @Test
    void eachAccountSeesTheServicesZonesUnderItsOwnNamesWithTheSameIds() {
        String serviceId = allow(fixture.serviceId(fixture.activeNetworkLoadBalancer("named", 0, 1)), "*");
        String serviceName = fixture.serviceName(serviceId);
        List<String> providerNames = api.ec2("DescribeVpcEndpointServices", "ServiceName.1", serviceName).assertOk()
                .texts("//serviceDetailSet/item/availabilityZoneSet/item");
        fixture.asConsumer();
        List<Subnet> sameZones = fixture.defaultSubnets().subList(0, 2).stream().sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).toList();
        TestApi.Response seen = api.ec2("DescribeVpcEndpointServices", "ServiceName.1", serviceName).assertOk();
        assertEquals(sameZones.stream().map(Subnet::availabilityZone).toList(), seen.texts("//serviceDetailSet/item/availabilityZoneSet/item"));
        assertEquals(sameZones.stream().map(Subnet::availabilityZoneId).toList(), seen.texts("//serviceDetailSet/item/availabilityZoneIdSet/item"));
        assertTrue(!providerNames.equals(seen.texts("//serviceDetailSet/item/availabilityZoneSet/item")),
                "accounts " + PROVIDER + " and " + CONSUMER + " name these zones differently: " + providerNames);
    }

    @Test
    void endpointsWaitForAcceptanceAndTheProviderSeesThem() {
        String serviceId = allow(fixture.serviceId(fixture.activeNetworkLoadBalancer("accept", 0, 1)), "arn:aws:iam::" + CONSUMER + ":root");
        String serviceName = fixture.serviceName(serviceId);
        fixture.asConsumer();
        List<Subnet> subnets = fixture.defaultSubnets();
        String endpointId = connect(serviceName, subnets.get(0), subnets.get(1)).assertOk().text("//vpcEndpoint/vpcEndpointId");
        fixture.clock.advance(Duration.ofSeconds(2));
        assertEquals("pendingAcceptance", endpointState(endpointId));

        fixture.asProvider();
        TestApi.Response connections = api.ec2("DescribeVpcEndpointConnections", "Filter.1.Name", "service-id", "Filter.1.Value.1", serviceId)
                .assertOk();
        assertEquals(List.of(endpointId), connections.texts("//vpcEndpointConnectionSet/item/vpcEndpointId"));
        assertEquals(CONSUMER, connections.text("//vpcEndpointConnectionSet/item/vpcEndpointOwner"));
        assertEquals("pendingAcceptance", connections.text("//vpcEndpointConnectionSet/item/vpcEndpointState"));
        assertEquals("ipv4", connections.text("//vpcEndpointConnectionSet/item/ipAddressType"));
        assertEquals("vpce-con-" + endpointId.substring(5), connections.text("//vpcEndpointConnectionSet/item/vpcEndpointConnectionId"));
        List<String> dnsNames = connections.texts("//vpcEndpointConnectionSet/item/dnsEntrySet/item/dnsName");
        assertEquals(3, dnsNames.size(), dnsNames.toString());
        assertTrue(dnsNames.get(0).startsWith(endpointId + "-") && dnsNames.get(0).endsWith("." + serviceId + ".us-east-1.vpce.amazonaws.com"),
                dnsNames.toString());
        assertEquals(1, connections.texts("//vpcEndpointConnectionSet/item/networkLoadBalancerArnSet/item").size());

        TestApi.Response accepted = api.ec2("AcceptVpcEndpointConnections", "ServiceId", serviceId, "VpcEndpointId.1", endpointId,
                "VpcEndpointId.2", "vpce-0123456789abcdef0", "VpcEndpointId.3", "nonsense").assertOk();
        assertEquals(List.of("vpce-0123456789abcdef0", "nonsense"), accepted.texts("//unsuccessful/item/resourceId"));
        assertEquals(List.of("InvalidVpcEndpointId.NotFound", "InvalidVpcEndpointId.Malformed"), accepted.texts("//unsuccessful/item/error/code"));
        assertEquals("available", endpointState(endpointId));

        fixture.asProvider();
        TestApi.Response again = api.ec2("AcceptVpcEndpointConnections", "ServiceId", serviceId, "VpcEndpointId.1", endpointId).assertOk();
        assertEquals(List.of("IncorrectState"), again.texts("//unsuccessful/item/error/code"));
        assertEquals(List.of(endpointId), api.ec2("DescribeVpcEndpointConnections", "Filter.1.Name", "vpc-endpoint-state",
                "Filter.1.Value.1", "available").assertOk().texts("//vpcEndpointConnectionSet/item/vpcEndpointId"));

        fixture.asConsumer();
        api.ec2("AcceptVpcEndpointConnections", "ServiceId", serviceId, "VpcEndpointId.1", endpointId)
                .assertError("InvalidVpcEndpointServiceId.NotFound");
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointConnections").assertOk().texts("//vpcEndpointConnectionSet/item"));
    }

    @Test
    void aServiceWithLiveConnectionsCannotBeDeletedUntilTheyAreRejected() {
        String serviceId = allow(fixture.serviceId(fixture.activeNetworkLoadBalancer("reject", 0)), "*");
        String serviceName = fixture.serviceName(serviceId);
        fixture.asConsumer();
        String endpointId = connect(serviceName, fixture.defaultSubnets().get(0)).assertOk().text("//vpcEndpoint/vpcEndpointId");

        fixture.asProvider();
        TestApi.Response refused = api.ec2("DeleteVpcEndpointServiceConfigurations", "ServiceId.1", serviceId).assertOk();
        assertEquals(List.of("ExistingVpcEndpointConnections"), refused.texts("//unsuccessful/item/error/code"));

        api.ec2("RejectVpcEndpointConnections", "ServiceId", serviceId, "VpcEndpointId.1", endpointId).assertOk();
        assertEquals("rejected", endpointState(endpointId));
        fixture.asProvider();
        assertEquals(List.of(), api.ec2("DeleteVpcEndpointServiceConfigurations", "ServiceId.1", serviceId).assertOk()
                .texts("//unsuccessful/item"));
        api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", serviceId).assertError("InvalidVpcEndpointServiceId.NotFound");
    }

    @Test
    void withoutAcceptanceEndpointsAreAvailableAtOnce() {
        String serviceId = allow(fixture.serviceId(fixture.activeNetworkLoadBalancer("open", 0), "AcceptanceRequired", "false"), "*");
        String serviceName = fixture.serviceName(serviceId);
        fixture.asConsumer();
        String endpointId = connect(serviceName, fixture.defaultSubnets().get(0)).assertOk().text("//vpcEndpoint/vpcEndpointId");
        fixture.clock.advance(Duration.ofSeconds(2));
        assertEquals("available", endpointState(endpointId));
    }

    @Test
    void consumerInterfacesGoOnlyInTheServicesZones() {
        String serviceId = allow(fixture.serviceId(fixture.activeNetworkLoadBalancer("zonal", 0, 1)), "*");
        String serviceName = fixture.serviceName(serviceId);
        fixture.asConsumer();
        List<Subnet> subnets = fixture.defaultSubnets();
        TestApi.Response refused = connect(serviceName, subnets.get(0), subnets.get(2)).assertError("InvalidParameter");
        assertTrue(refused.text("//Message").contains("does not support the availability zone of the subnet"), refused.body());
        assertEquals(List.of(), api.ec2("DescribeVpcEndpoints").assertOk().texts("//vpcEndpointSet/item"));

        String endpointId = connect(serviceName, subnets.get(0), subnets.get(1)).assertOk().text("//vpcEndpoint/vpcEndpointId");
        List<String> endpointSubnets = api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", endpointId).assertOk().texts("//vpcEndpointSet/item/subnetIdSet/item");
        assertEquals(List.of(subnets.get(0).id(), subnets.get(1).id()), endpointSubnets);
        assertEquals(2, api.ec2("DescribeVpcEndpoints", "VpcEndpointId.1", endpointId).texts("//vpcEndpointSet/item/networkInterfaceIdSet/item").size());
    }
}
