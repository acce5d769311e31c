package dev.backlane.server.api.elb;

import static dev.backlane.server.api.elb.ElbFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetGroupOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void tcpTargetGroupGetsNetworkHealthCheckDefaults() {
        TestApi.Response response = api.call(SERVICE, "CreateTargetGroup", "Name", "tcp-tg", "Protocol", "TCP", "Port", "443",
                "VpcId", ElbFixture.defaultVpcId(api), "TargetType", "ip").assertOk();
        assertTrue(response.text("//TargetGroupArn").matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/tcp-tg/[0-9a-f]{16}"));
        assertEquals("TCP", response.text("//HealthCheckProtocol"));
        assertEquals("traffic-port", response.text("//HealthCheckPort"));
        assertEquals("30", response.text("//HealthCheckIntervalSeconds"));
        assertEquals("10", response.text("//HealthCheckTimeoutSeconds"));
        assertEquals("5", response.text("//HealthyThresholdCount"));
        assertEquals("2", response.text("//UnhealthyThresholdCount"));
        assertEquals("true", response.text("//HealthCheckEnabled"));
        assertNull(response.text("//Matcher/HttpCode"));
        assertNull(response.text("//HealthCheckPath"));
        assertEquals("ip", response.text("//TargetType"));
        assertEquals("ipv4", response.text("//IpAddressType"));
    }

    @Test
    void httpTargetGroupGetsPathAndMatcher() {
        TestApi.Response response = api.call(SERVICE, "CreateTargetGroup", "Name", "http-tg", "Protocol", "HTTP", "Port", "80",
                "VpcId", ElbFixture.defaultVpcId(api)).assertOk();
        assertEquals("HTTP", response.text("//HealthCheckProtocol"));
        assertEquals("/", response.text("//HealthCheckPath"));
        assertEquals("200", response.text("//Matcher/HttpCode"));
        assertEquals("5", response.text("//HealthCheckTimeoutSeconds"));
        assertEquals("HTTP1", response.text("//ProtocolVersion"));
        assertEquals("instance", response.text("//TargetType"));
    }

    @Test
    void targetGroupRulesAreEnforced() {
        String vpc = ElbFixture.defaultVpcId(api);
        ElbFixture.targetGroupArn(api, "dup", "TCP", "ip");
        api.call(SERVICE, "CreateTargetGroup", "Name", "dup", "Protocol", "TCP", "Port", "80", "VpcId", vpc).assertError("DuplicateTargetGroupName");
        api.call(SERVICE, "CreateTargetGroup", "Name", "bad_name", "Protocol", "TCP", "Port", "80", "VpcId", vpc).assertError("ValidationError");
        api.call(SERVICE, "CreateTargetGroup", "Name", "noport", "Protocol", "TCP", "VpcId", vpc).assertError("ValidationError");
        api.call(SERVICE, "CreateTargetGroup", "Name", "novpc", "Protocol", "TCP", "Port", "80", "VpcId", "vpc-0123456789abcdef0")
                .assertError("InvalidVpcID.NotFound");
        api.call(SERVICE, "CreateTargetGroup", "Name", "slow", "Protocol", "TCP", "Port", "80", "VpcId", vpc,
                "HealthCheckIntervalSeconds", "10", "HealthCheckTimeoutSeconds", "10").assertError("ValidationError");
        api.call(SERVICE, "CreateTargetGroup", "Name", "tcppath", "Protocol", "TCP", "Port", "80", "VpcId", vpc,
                "HealthCheckPath", "/health").assertError("InvalidConfigurationRequest");
        api.call(SERVICE, "CreateTargetGroup", "Name", "geneve", "Protocol", "GENEVE", "Port", "6081", "VpcId", vpc, "TargetType", "ip")
                .assertOk();
    }

    @Test
    void modifyTargetGroupChangesHealthCheck() {
        String arn = ElbFixture.targetGroupArn(api, "modify", "TCP", "ip");
        TestApi.Response response = api.call(SERVICE, "ModifyTargetGroup", "TargetGroupArn", arn, "HealthCheckProtocol", "HTTP",
                "HealthCheckPath", "/ready", "HealthCheckIntervalSeconds", "10", "HealthCheckTimeoutSeconds", "6").assertOk();
        assertEquals("HTTP", response.text("//HealthCheckProtocol"));
        assertEquals("/ready", response.text("//HealthCheckPath"));
        assertEquals("10", response.text("//HealthCheckIntervalSeconds"));
        String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "ffffffffffffffff";
        api.call(SERVICE, "ModifyTargetGroup", "TargetGroupArn", unknown, "HealthCheckPath", "/").assertError("TargetGroupNotFound");
    }

    @Test
    void attributesHaveDefaultsPerTargetTypeAndProtocol() {
        String ip = ElbFixture.targetGroupArn(api, "ip-tg", "TCP", "ip");
        TestApi.Response attributes = api.call(SERVICE, "DescribeTargetGroupAttributes", "TargetGroupArn", ip).assertOk();
        assertEquals("300", attributes.text("//Attributes/member[Key='deregistration_delay.timeout_seconds']/Value"));
        assertEquals("false", attributes.text("//Attributes/member[Key='preserve_client_ip.enabled']/Value"));
        assertEquals("source_ip", attributes.text("//Attributes/member[Key='stickiness.type']/Value"));

        api.call(SERVICE, "ModifyTargetGroupAttributes", "TargetGroupArn", ip,
                "Attributes.member.1.Key", "deregistration_delay.timeout_seconds", "Attributes.member.1.Value", "30").assertOk();
        assertEquals("30", api.call(SERVICE, "DescribeTargetGroupAttributes", "TargetGroupArn", ip)
                .text("//Attributes/member[Key='deregistration_delay.timeout_seconds']/Value"));
        api.call(SERVICE, "ModifyTargetGroupAttributes", "TargetGroupArn", ip,
                "Attributes.member.1.Key", "stickiness.lb_cookie.duration_seconds", "Attributes.member.1.Value", "30").assertError("ValidationError");
    }

    @Test
    void describeTargetGroupsByNameArnAndLoadBalancer() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String used = ElbFixture.targetGroupArn(api, "used", "TCP", "ip");
        String idle = ElbFixture.targetGroupArn(api, "idle", "TCP", "ip");
        ElbFixture.listenerArn(api, loadBalancer, "80", used);

        assertEquals(List.of(used), api.call(SERVICE, "DescribeTargetGroups", "LoadBalancerArn", loadBalancer)
                .assertOk().texts("//TargetGroups/member/TargetGroupArn"));
        assertEquals(List.of(loadBalancer), api.call(SERVICE, "DescribeTargetGroups", "Names.member.1", "used")
                .assertOk().texts("//TargetGroups/member/LoadBalancerArns/member"));
        assertEquals(List.of(), api.call(SERVICE, "DescribeTargetGroups", "TargetGroupArns.member.1", idle)
                .assertOk().texts("//TargetGroups/member/LoadBalancerArns/member"));
        assertEquals("One or more target groups not found", api.call(SERVICE, "DescribeTargetGroups", "Names.member.1", "none")
                .assertError("TargetGroupNotFound").text("//Error/Message"));
        TestApi.Response page = api.call(SERVICE, "DescribeTargetGroups", "PageSize", "1").assertOk();
        assertEquals(1, page.texts("//TargetGroups/member").size());
        assertEquals(1, api.call(SERVICE, "DescribeTargetGroups", "PageSize", "1", "Marker", page.text("//NextMarker"))
                .assertOk().texts("//TargetGroups/member").size());
    }

    @Test
    void targetGroupInUseCannotBeDeleted() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String group = ElbFixture.targetGroupArn(api, "busy", "TCP", "ip");
        String listener = ElbFixture.listenerArn(api, loadBalancer, "80", group);
        TestApi.Response refused = api.call(SERVICE, "DeleteTargetGroup", "TargetGroupArn", group).assertError("ResourceInUse");
        assertTrue(refused.text("//Error/Message").contains(group));
        api.call(SERVICE, "DeleteListener", "ListenerArn", listener).assertOk();
        api.call(SERVICE, "DeleteTargetGroup", "TargetGroupArn", group).assertOk();
        api.call(SERVICE, "DeleteTargetGroup", "TargetGroupArn", group).assertOk();
    }

    @Test
    void ipTargetsMustBeInTheVpcOrPrivateWithZoneAll() {
        String group = ElbFixture.targetGroupArn(api, "ips", "TCP", "ip");
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "172.31.0.10").assertOk();
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "8.8.8.8").assertError("InvalidTarget");
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "10.1.2.3").assertError("InvalidTarget");
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "10.1.2.3",
                "Targets.member.1.AvailabilityZone", "all").assertOk();
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "not-an-ip").assertError("InvalidTarget");
        assertEquals(List.of("172.31.0.10", "10.1.2.3"), api.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group)
                .assertOk().texts("//TargetHealthDescriptions/member/Target/Id"));
    }

    @Test
    void anInstanceTargetThatDoesNotExistIsInvalid() {
        String group = ElbFixture.targetGroupArn(api, "instances", "TCP", "instance");
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "i-0123456789abcdef0").assertError("InvalidTarget");
    }

    @Test
    void targetHealthIsUnusedThenInitialThenHealthy() {
        SteppingClock clock = new SteppingClock();
        TestApi timed = new TestApi(Quotas.awsDefaults(), clock);
        String group = ElbFixture.targetGroupArn(timed, "health", "TCP", "ip");
        timed.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "172.31.0.10", "Targets.member.1.Port", "8080")
                .assertOk();
        TestApi.Response unused = timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).assertOk();
        assertEquals("unused", unused.text("//TargetHealth/State"));
        assertEquals("Target.NotInUse", unused.text("//TargetHealth/Reason"));
        assertEquals("8080", unused.text("//HealthCheckPort"));

        String loadBalancer = ElbFixture.networkLoadBalancerArn(timed, "lb");
        ElbFixture.listenerArn(timed, loadBalancer, "80", group);
        TestApi.Response initial = timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).assertOk();
        assertEquals("initial", initial.text("//TargetHealth/State"));
        assertEquals("Elb.RegistrationInProgress", initial.text("//TargetHealth/Reason"));

        clock.advance(Duration.ofSeconds(149));
        assertEquals("initial", timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).text("//TargetHealth/State"));
        clock.advance(Duration.ofSeconds(1));
        TestApi.Response healthy = timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).assertOk();
        assertEquals("healthy", healthy.text("//TargetHealth/State"));
        assertNull(healthy.text("//TargetHealth/Reason"));

        TestApi.Response notRegistered = timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group,
                "Targets.member.1.Id", "172.31.0.99", "Targets.member.1.Port", "8080").assertOk();
        assertEquals("Target.NotRegistered", notRegistered.text("//TargetHealth/Reason"));

        timed.call(SERVICE, "DeregisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "172.31.0.10", "Targets.member.1.Port", "8080")
                .assertOk();
        // A listener uses the group, so the target drains for the deregistration delay (300 s by default) before it goes.
        TestApi.Response draining = timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).assertOk();
        assertEquals("draining", draining.text("//TargetHealth/State"));
        assertEquals("Target.DeregistrationInProgress", draining.text("//TargetHealth/Reason"));
        clock.advance(Duration.ofSeconds(300));
        assertEquals(List.of(), timed.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).texts("//TargetHealthDescriptions/member"));
    }

    @Test
    void registeringTheSameTargetTwiceKeepsOne() {
        String group = ElbFixture.targetGroupArn(api, "twice", "TCP", "ip");
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "172.31.0.10").assertOk();
        api.call(SERVICE, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", "172.31.0.10").assertOk();
        TestApi.Response health = api.call(SERVICE, "DescribeTargetHealth", "TargetGroupArn", group).assertOk();
        assertEquals(List.of("80"), health.texts("//TargetHealthDescriptions/member/Target/Port"));
    }
}
