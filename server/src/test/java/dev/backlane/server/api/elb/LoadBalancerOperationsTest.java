package dev.backlane.server.api.elb;

import static dev.backlane.server.api.elb.ElbFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBalancerOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void networkLoadBalancerHasAwsArnDnsNameAndHostedZone() {
        List<Subnet> subnets = ElbFixture.defaultSubnets(api);
        TestApi.Response response = ElbFixture.createNetworkLoadBalancer(api, "my-nlb").assertOk();

        String arn = response.text("//LoadBalancers/member/LoadBalancerArn");
        assertTrue(arn.matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-nlb/[0-9a-f]{16}"), arn);
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        assertEquals("my-nlb-" + id + ".elb.us-east-1.amazonaws.com", response.text("//LoadBalancers/member/DNSName"));
        assertEquals("Z26RNL4JYFTOTI", response.text("//LoadBalancers/member/CanonicalHostedZoneId"));
        assertEquals("network", response.text("//LoadBalancers/member/Type"));
        assertEquals("internal", response.text("//LoadBalancers/member/Scheme"));
        assertEquals("ipv4", response.text("//LoadBalancers/member/IpAddressType"));
        assertEquals("provisioning", response.text("//LoadBalancers/member/State/Code"));
        assertEquals(subnets.get(0).vpcId(), response.text("//LoadBalancers/member/VpcId"));
        assertEquals(List.of(subnets.get(0).id(), subnets.get(1).id()), response.texts("//AvailabilityZones/member/SubnetId"));
        assertEquals(List.of(subnets.get(0).availabilityZone(), subnets.get(1).availabilityZone()),
                response.texts("//AvailabilityZones/member/ZoneName"));
        assertEquals("2026-01-02T03:04:05.000Z", response.text("//LoadBalancers/member/CreatedTime"));
    }

    @Test
    void eachZoneGetsARequesterManagedInterfaceThatGoesWithTheLoadBalancer() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "enis");
        String description = "ELB " + arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        TestApi.Response interfaces = api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "description", "Filter.1.Value.1", description)
                .assertOk();
        assertEquals(List.of("network_load_balancer", "network_load_balancer"), interfaces.texts("//networkInterfaceSet/item/interfaceType"));
        assertEquals(List.of("true", "true"), interfaces.texts("//networkInterfaceSet/item/requesterManaged"));
        String interfaceId = interfaces.text("//networkInterfaceSet/item/networkInterfaceId");
        api.ec2("DeleteNetworkInterface", "NetworkInterfaceId", interfaceId).assertError("InvalidParameterValue");

        api.call(SERVICE, "DeleteLoadBalancer", "LoadBalancerArn", arn).assertOk();
        assertEquals(List.of(), api.ec2("DescribeNetworkInterfaces", "Filter.1.Name", "description", "Filter.1.Value.1", description)
                .assertOk().texts("//networkInterfaceSet/item"));
    }

    @Test
    void stateTurnsActiveAfterProvisioning() {
        SteppingClock clock = new SteppingClock();
        TestApi timed = new TestApi(Quotas.awsDefaults(), clock);
        String arn = ElbFixture.networkLoadBalancerArn(timed, "timed");
        assertEquals("provisioning", timed.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", arn)
                .assertOk().text("//LoadBalancers/member/State/Code"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals("provisioning", timed.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", arn)
                .text("//LoadBalancers/member/State/Code"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals("active", timed.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", arn)
                .text("//LoadBalancers/member/State/Code"));
    }

    @Test
    void gatewayLoadBalancerHasNoDnsNameOrScheme() {
        List<Subnet> subnets = ElbFixture.defaultSubnets(api);
        TestApi.Response response = api.call(SERVICE, "CreateLoadBalancer", "Name", "gwlb", "Type", "gateway",
                "Subnets.member.1", subnets.get(0).id()).assertOk();
        assertTrue(response.text("//LoadBalancerArn").contains(":loadbalancer/gwy/gwlb/"));
        assertNull(response.text("//DNSName"));
        assertNull(response.text("//Scheme"));
        assertNull(response.text("//CanonicalHostedZoneId"));
    }

    @Test
    void namesFollowAwsRules() {
        for (String name : List.of("internal-lb", "-lead", "trail-", "under_score", "a".repeat(33))) {
            TestApi.Response response = ElbFixture.createNetworkLoadBalancer(api, name).assertError("ValidationError");
            assertTrue(response.text("//Error/Message").contains(name), response.body());
        }
        ElbFixture.createNetworkLoadBalancer(api, "a".repeat(32)).assertOk();
    }

    @Test
    void duplicateNameIsRefused() {
        ElbFixture.createNetworkLoadBalancer(api, "twice").assertOk();
        ElbFixture.createNetworkLoadBalancer(api, "twice").assertError("DuplicateLoadBalancerName");
    }

    @Test
    void errorsUseTheQueryEnvelopeWithSenderType() {
        TestApi.Response response = api.call(SERVICE, "CreateLoadBalancer", "Name", "nosubnet", "Type", "network",
                "Subnets.member.1", "subnet-0123456789abcdef0").assertError("SubnetNotFound");
        assertEquals("Sender", response.text("/ErrorResponse/Error/Type"));
        assertEquals("The subnet ID 'subnet-0123456789abcdef0' is not valid", response.text("//Error/Message"));
        assertTrue(response.text("/ErrorResponse/RequestId").length() > 0);
    }

    @Test
    void oneSubnetPerAvailabilityZone() {
        Subnet first = ElbFixture.defaultSubnets(api).get(0);
        api.cloud().write(api.scope(), transaction -> transaction.put(ResourceTypes.SUBNET, new Subnet("subnet-0000000000000abcd", first.vpcId(),
                "172.31.200.0/24", first.availabilityZone(), first.availabilityZoneId(), List.of(), false, false, false, false, "ip-name",
                false, false, "available")));
        TestApi.Response response = api.call(SERVICE, "CreateLoadBalancer", "Name", "samezone", "Type", "network",
                "Subnets.member.1", first.id(), "Subnets.member.2", "subnet-0000000000000abcd").assertError("InvalidConfigurationRequest");
        assertEquals("A load balancer cannot be attached to multiple subnets in the same Availability Zone", response.text("//Error/Message"));
    }

    @Test
    void applicationLoadBalancerNeedsTwoZonesAndGetsTheDefaultGroup() {
        List<Subnet> subnets = ElbFixture.defaultSubnets(api);
        api.call(SERVICE, "CreateLoadBalancer", "Name", "alb", "Subnets.member.1", subnets.get(0).id()).assertError("InvalidConfigurationRequest");
        TestApi.Response response = api.call(SERVICE, "CreateLoadBalancer", "Name", "alb", "Subnets.member.1", subnets.get(0).id(),
                "Subnets.member.2", subnets.get(1).id()).assertOk();
        assertEquals("application", response.text("//Type"));
        assertEquals("Z35SXDOTRQ7X7K", response.text("//CanonicalHostedZoneId"));
        assertEquals(1, response.texts("//SecurityGroups/member").size());
    }

    @Test
    void unknownSecurityGroupIsInvalid() {
        ElbFixture.createNetworkLoadBalancer(api, "sg", "SecurityGroups.member.1", "sg-0123456789abcdef0").assertError("InvalidSecurityGroup");
    }

    @Test
    void privateAddressMustBeInsideItsSubnet() {
        Subnet subnet = ElbFixture.defaultSubnets(api).get(0);
        api.call(SERVICE, "CreateLoadBalancer", "Name", "pinned", "Type", "network", "Scheme", "internal",
                "SubnetMappings.member.1.SubnetId", subnet.id(), "SubnetMappings.member.1.PrivateIPv4Address", "10.99.0.10")
                .assertError("InvalidConfigurationRequest");
        String inside = subnet.cidrBlock().substring(0, subnet.cidrBlock().lastIndexOf('.')) + ".10";
        TestApi.Response response = api.call(SERVICE, "CreateLoadBalancer", "Name", "pinned", "Type", "network", "Scheme", "internal",
                "SubnetMappings.member.1.SubnetId", subnet.id(), "SubnetMappings.member.1.PrivateIPv4Address", inside).assertOk();
        assertEquals(inside, response.text("//LoadBalancerAddresses/member/PrivateIPv4Address"));
    }

    @Test
    void describeByNameArnAndPages() {
        String first = ElbFixture.networkLoadBalancerArn(api, "one");
        String second = ElbFixture.networkLoadBalancerArn(api, "two");
        String third = ElbFixture.networkLoadBalancerArn(api, "three");

        assertEquals(List.of("two"), api.call(SERVICE, "DescribeLoadBalancers", "Names.member.1", "two")
                .assertOk().texts("//LoadBalancers/member/LoadBalancerName"));
        TestApi.Response missing = api.call(SERVICE, "DescribeLoadBalancers", "Names.member.1", "nope").assertError("LoadBalancerNotFound");
        assertEquals("Load balancers '[nope]' not found", missing.text("//Error/Message"));
        String unknownArn = first.substring(0, first.lastIndexOf('/') + 1) + "ffffffffffffffff";
        assertEquals("One or more load balancers not found", api.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", unknownArn)
                .assertError("LoadBalancerNotFound").text("//Error/Message"));
        api.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", "not-an-arn").assertError("ValidationError");

        TestApi.Response page1 = api.call(SERVICE, "DescribeLoadBalancers", "PageSize", "2").assertOk();
        assertEquals(2, page1.texts("//LoadBalancers/member").size());
        String marker = page1.text("//NextMarker");
        TestApi.Response page2 = api.call(SERVICE, "DescribeLoadBalancers", "PageSize", "2", "Marker", marker).assertOk();
        assertNull(page2.text("//NextMarker"));
        List<String> all = new java.util.ArrayList<>(page1.texts("//LoadBalancers/member/LoadBalancerArn"));
        all.addAll(page2.texts("//LoadBalancers/member/LoadBalancerArn"));
        assertEquals(List.of(first, second, third).stream().sorted().toList(), all);
        api.call(SERVICE, "DescribeLoadBalancers", "PageSize", "401").assertError("ValidationError");
    }

    @Test
    void deleteIsIdempotentAndRemovesListeners() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "gone");
        String group = ElbFixture.targetGroupArn(api, "gone-tg", "TCP", "ip");
        ElbFixture.listenerArn(api, arn, "80", group);

        api.call(SERVICE, "DeleteLoadBalancer", "LoadBalancerArn", arn).assertOk();
        api.call(SERVICE, "DeleteLoadBalancer", "LoadBalancerArn", arn).assertOk();
        api.call(SERVICE, "DescribeLoadBalancers", "LoadBalancerArns.member.1", arn).assertError("LoadBalancerNotFound");
        assertEquals(0, api.cloud().snapshot().scope(api.scope()).count(ResourceTypes.LISTENER));
        api.call(SERVICE, "DeleteTargetGroup", "TargetGroupArn", group).assertOk();
    }

    @Test
    void deletionProtectionRefusesDelete() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "kept");
        api.call(SERVICE, "ModifyLoadBalancerAttributes", "LoadBalancerArn", arn,
                "Attributes.member.1.Key", "deletion_protection.enabled", "Attributes.member.1.Value", "true").assertOk();
        api.call(SERVICE, "DeleteLoadBalancer", "LoadBalancerArn", arn).assertError("OperationNotPermitted");
    }

    @Test
    void networkAttributesHaveAwsDefaultsAndKnownKeysOnly() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "attrs");
        TestApi.Response attributes = api.call(SERVICE, "DescribeLoadBalancerAttributes", "LoadBalancerArn", arn).assertOk();
        assertEquals("false", attributes.text("//Attributes/member[Key='load_balancing.cross_zone.enabled']/Value"));
        assertEquals("false", attributes.text("//Attributes/member[Key='deletion_protection.enabled']/Value"));
        assertEquals("any_availability_zone", attributes.text("//Attributes/member[Key='dns_record.client_routing_policy']/Value"));
        assertNull(attributes.text("//Attributes/member[Key='idle_timeout.timeout_seconds']/Value"));

        api.call(SERVICE, "ModifyLoadBalancerAttributes", "LoadBalancerArn", arn,
                "Attributes.member.1.Key", "load_balancing.cross_zone.enabled", "Attributes.member.1.Value", "true").assertOk();
        assertEquals("true", api.call(SERVICE, "DescribeLoadBalancerAttributes", "LoadBalancerArn", arn)
                .text("//Attributes/member[Key='load_balancing.cross_zone.enabled']/Value"));

        TestApi.Response unknown = api.call(SERVICE, "ModifyLoadBalancerAttributes", "LoadBalancerArn", arn,
                "Attributes.member.1.Key", "no.such.key", "Attributes.member.1.Value", "1").assertError("ValidationError");
        assertEquals("Load balancer attribute key 'no.such.key' is not recognized", unknown.text("//Error/Message"));
        api.call(SERVICE, "ModifyLoadBalancerAttributes", "LoadBalancerArn", arn,
                "Attributes.member.1.Key", "idle_timeout.timeout_seconds", "Attributes.member.1.Value", "60").assertError("InvalidConfigurationRequest");
        api.call(SERVICE, "ModifyLoadBalancerAttributes", "LoadBalancerArn", arn,
                "Attributes.member.1.Key", "deletion_protection.enabled", "Attributes.member.1.Value", "yes").assertError("ValidationError");
    }

    @Test
    void setSubnetsAddsButNetworkLoadBalancersKeepTheirs() {
        List<Subnet> subnets = ElbFixture.defaultSubnets(api);
        String arn = ElbFixture.networkLoadBalancerArn(api, "grow");
        TestApi.Response grown = api.call(SERVICE, "SetSubnets", "LoadBalancerArn", arn, "Subnets.member.1", subnets.get(0).id(),
                "Subnets.member.2", subnets.get(1).id(), "Subnets.member.3", subnets.get(2).id()).assertOk();
        assertEquals(3, grown.texts("//AvailabilityZones/member").size());
        api.call(SERVICE, "SetSubnets", "LoadBalancerArn", arn, "Subnets.member.1", subnets.get(0).id()).assertError("InvalidConfigurationRequest");
    }

    @Test
    void networkLoadBalancerWithoutGroupsCannotGainThem() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "nogroups");
        String group = api.cloud().snapshot().scope(api.scope()).all(ResourceTypes.SECURITY_GROUP).iterator().next().id();
        api.call(SERVICE, "SetSecurityGroups", "LoadBalancerArn", arn, "SecurityGroups.member.1", group).assertError("InvalidConfigurationRequest");
    }

    @Test
    void capacityReservationIsEmpty() {
        String arn = ElbFixture.networkLoadBalancerArn(api, "capacity");
        api.call(SERVICE, "DescribeCapacityReservation", "LoadBalancerArn", arn).assertOk();
        String unknownArn = arn.substring(0, arn.lastIndexOf('/') + 1) + "ffffffffffffffff";
        api.call(SERVICE, "DescribeCapacityReservation", "LoadBalancerArn", unknownArn).assertError("LoadBalancerNotFound");
    }

    @Test
    void tooManyLoadBalancers() {
        TestApi limited = new TestApi(Quotas.awsDefaults().with("load-balancers-per-region", 1));
        ElbFixture.createNetworkLoadBalancer(limited, "first").assertOk();
        ElbFixture.createNetworkLoadBalancer(limited, "second").assertError("TooManyLoadBalancers");
    }
}
