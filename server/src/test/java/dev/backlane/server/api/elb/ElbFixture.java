package dev.backlane.server.api.elb;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.server.TestApi;
import java.util.ArrayList;
import java.util.List;

/** Shared steps of the ELBv2 tests: the default VPC's subnets and a network load balancer with a target group. */
final class ElbFixture {
    static final String SERVICE = "elasticloadbalancing";

    private ElbFixture() {}

    static List<Subnet> defaultSubnets(TestApi api) {
        return new ArrayList<>(api.cloud().snapshot(api.scope()).scope(api.scope()).all(ResourceTypes.SUBNET));
    }

    static String defaultVpcId(TestApi api) {
        return defaultSubnets(api).get(0).vpcId();
    }

    static TestApi.Response createNetworkLoadBalancer(TestApi api, String name, String... extra) {
        List<Subnet> subnets = defaultSubnets(api);
        List<String> parameters = new ArrayList<>(List.of("Name", name, "Type", "network", "Scheme", "internal",
                "Subnets.member.1", subnets.get(0).id(), "Subnets.member.2", subnets.get(1).id()));
        parameters.addAll(List.of(extra));
        return api.call(SERVICE, "CreateLoadBalancer", parameters.toArray(String[]::new));
    }

    static String networkLoadBalancerArn(TestApi api, String name) {
        return createNetworkLoadBalancer(api, name).assertOk().text("//LoadBalancers/member/LoadBalancerArn");
    }

    static String targetGroupArn(TestApi api, String name, String protocol, String targetType) {
        return api.call(SERVICE, "CreateTargetGroup", "Name", name, "Protocol", protocol, "Port", "80", "VpcId", defaultVpcId(api),
                "TargetType", targetType).assertOk().text("//TargetGroups/member/TargetGroupArn");
    }

    static String listenerArn(TestApi api, String loadBalancerArn, String port, String targetGroupArn) {
        return api.call(SERVICE, "CreateListener", "LoadBalancerArn", loadBalancerArn, "Protocol", "TCP", "Port", port,
                "DefaultActions.member.1.Type", "forward", "DefaultActions.member.1.TargetGroupArn", targetGroupArn)
                .assertOk().text("//Listeners/member/ListenerArn");
    }
}
