package dev.backlane.server.api.elb;

import static dev.backlane.server.api.elb.ElbFixture.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void listenerForwardsToTargetGroup() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String group = ElbFixture.targetGroupArn(api, "tg", "TCP", "ip");
        TestApi.Response created = api.call(SERVICE, "CreateListener", "LoadBalancerArn", loadBalancer, "Protocol", "TCP", "Port", "80",
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", group).assertOk();
        String arn = created.text("//ListenerArn");
        String lbSuffix = loadBalancer.substring(loadBalancer.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        assertTrue(arn.matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/" + lbSuffix + "/[0-9a-f]{16}"), arn);
        assertEquals(group, created.text("//DefaultActions/member/TargetGroupArn"));
        assertEquals(group, created.text("//DefaultActions/member/ForwardConfig/TargetGroups/member/TargetGroupArn"));
        assertEquals("1", created.text("//DefaultActions/member/ForwardConfig/TargetGroups/member/Weight"));

        TestApi.Response described = api.call(SERVICE, "DescribeListeners", "LoadBalancerArn", loadBalancer).assertOk();
        assertEquals(List.of(arn), described.texts("//Listeners/member/ListenerArn"));
        assertEquals("80", described.text("//Listeners/member/Port"));
        assertEquals("TCP", described.text("//Listeners/member/Protocol"));
        assertEquals(List.of(arn), api.call(SERVICE, "DescribeListeners", "ListenerArns.member.1", arn).assertOk()
                .texts("//Listeners/member/ListenerArn"));
        assertEquals("350", api.call(SERVICE, "DescribeListenerAttributes", "ListenerArn", arn).assertOk()
                .text("//Attributes/member[Key='tcp.idle_timeout.seconds']/Value"));
    }

    @Test
    void listenerRules() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String tcp = ElbFixture.targetGroupArn(api, "tcp", "TCP", "ip");
        String udp = ElbFixture.targetGroupArn(api, "udp", "UDP", "ip");
        ElbFixture.listenerArn(api, loadBalancer, "80", tcp);

        TestApi.Response duplicate = forward(loadBalancer, "TCP", "80", tcp).assertError("DuplicateListener");
        assertEquals("A listener already exists on this port for this load balancer '" + loadBalancer + "'", duplicate.text("//Error/Message"));
        forward(loadBalancer, "TCP", "81", udp).assertError("IncompatibleProtocols");
        forward(loadBalancer, "HTTP", "82", tcp).assertError("IncompatibleProtocols");
        forward(loadBalancer, "TLS", "443", tcp).assertError("ValidationError");
        String unknownGroup = tcp.substring(0, tcp.lastIndexOf('/') + 1) + "ffffffffffffffff";
        forward(loadBalancer, "TCP", "83", unknownGroup).assertError("TargetGroupNotFound");
        String unknownLb = loadBalancer.substring(0, loadBalancer.lastIndexOf('/') + 1) + "ffffffffffffffff";
        forward(unknownLb, "TCP", "84", tcp).assertError("LoadBalancerNotFound");
        api.call(SERVICE, "CreateListener", "LoadBalancerArn", loadBalancer, "Protocol", "TCP", "Port", "85",
                "DefaultActions.member.1.Type", "fixed-response").assertError("InvalidLoadBalancerAction");
    }

    @Test
    void targetGroupMustBeInTheLoadBalancersVpc() {
        String otherVpc = api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16").assertOk().text("//vpc/vpcId");
        String group = api.call(SERVICE, "CreateTargetGroup", "Name", "elsewhere", "Protocol", "TCP", "Port", "80", "VpcId", otherVpc,
                "TargetType", "ip").assertOk().text("//TargetGroupArn");
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        forward(loadBalancer, "TCP", "80", group).assertError("InvalidConfigurationRequest");
    }

    @Test
    void targetGroupServesOneLoadBalancer() {
        String first = ElbFixture.networkLoadBalancerArn(api, "first");
        String second = ElbFixture.networkLoadBalancerArn(api, "second");
        String group = ElbFixture.targetGroupArn(api, "shared", "TCP", "ip");
        ElbFixture.listenerArn(api, first, "80", group);
        forward(second, "TCP", "80", group).assertError("TargetGroupAssociationLimit");
    }

    @Test
    void modifyAndDeleteListener() {
        String loadBalancer = ElbFixture.networkLoadBalancerArn(api, "lb");
        String tcp = ElbFixture.targetGroupArn(api, "tcp", "TCP", "ip");
        String other = ElbFixture.targetGroupArn(api, "other", "TCP", "ip");
        String listener = ElbFixture.listenerArn(api, loadBalancer, "80", tcp);

        TestApi.Response modified = api.call(SERVICE, "ModifyListener", "ListenerArn", listener, "Port", "8080",
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", other).assertOk();
        assertEquals("8080", modified.text("//Listeners/member/Port"));
        assertEquals(other, modified.text("//DefaultActions/member/TargetGroupArn"));
        api.call(SERVICE, "DeleteTargetGroup", "TargetGroupArn", tcp).assertOk();

        api.call(SERVICE, "ModifyListenerAttributes", "ListenerArn", listener,
                "Attributes.member.1.Key", "tcp.idle_timeout.seconds", "Attributes.member.1.Value", "30").assertError("ValidationError");
        api.call(SERVICE, "ModifyListenerAttributes", "ListenerArn", listener,
                "Attributes.member.1.Key", "tcp.idle_timeout.seconds", "Attributes.member.1.Value", "600").assertOk();

        api.call(SERVICE, "DeleteListener", "ListenerArn", listener).assertOk();
        api.call(SERVICE, "DeleteListener", "ListenerArn", listener).assertError("ListenerNotFound");
        api.call(SERVICE, "DescribeListeners", "ListenerArns.member.1", listener).assertError("ListenerNotFound");
        api.call(SERVICE, "DescribeListeners").assertError("ValidationError");
    }

    @Test
    void gatewayListenerHasNoProtocolOrPort() {
        String subnet = ElbFixture.defaultSubnets(api).get(0).id();
        String gateway = api.call(SERVICE, "CreateLoadBalancer", "Name", "gwlb", "Type", "gateway", "Subnets.member.1", subnet)
                .assertOk().text("//LoadBalancerArn");
        String geneve = api.call(SERVICE, "CreateTargetGroup", "Name", "geneve", "Protocol", "GENEVE", "Port", "6081",
                "VpcId", ElbFixture.defaultVpcId(api), "TargetType", "ip").assertOk().text("//TargetGroupArn");
        api.call(SERVICE, "CreateListener", "LoadBalancerArn", gateway, "Protocol", "TCP", "Port", "80",
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", geneve).assertError("ValidationError");
        TestApi.Response created = api.call(SERVICE, "CreateListener", "LoadBalancerArn", gateway,
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", geneve).assertOk();
        assertTrue(created.text("//ListenerArn").contains(":listener/gwy/gwlb/"));
    }

    private TestApi.Response forward(String loadBalancer, String protocol, String port, String group) {
        return api.call(SERVICE, "CreateListener", "LoadBalancerArn", loadBalancer, "Protocol", protocol, "Port", port,
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", group);
    }
}
