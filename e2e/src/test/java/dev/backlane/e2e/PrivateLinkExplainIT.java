package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.e2e.BacklaneCli.Result;
import dev.backlane.server.ServerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The provider's side of a PrivateLink path, built through the SDK in two accounts and explained with
 * {@code backlane explain --endpoint-url}: the provider's network load balancer in two zones (cross-zone
 * off), an IP target in each zone, a listener on 443; the consumer's endpoint in the physical zone of the
 * provider's first subnet, and a workload beside it. The path goes on past the endpoint to the load
 * balancer, its listener and target group, to the target of that zone only; the Network Insights API
 * names the load balancer that has no listener for a port.
 */
class PrivateLinkExplainIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests().withTransitions(TransitionTimes.instant()));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";

    private static ElasticLoadBalancingV2Client elb;
    private static String loadBalancerArn;
    private static String nodeAddress;
    private static String targetInZone;
    private static String endpointId;
    private static String endpointName;
    private static String workload;

    @BeforeAll
    static void topology() {
        Ec2Client provider = backlane.ec2(PROVIDER);
        elb = backlane.elb(PROVIDER);
        List<Subnet> subnets = provider.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZoneId)).limit(2).toList();
        String vpcId = subnets.get(0).vpcId();
        loadBalancerArn = elb.createLoadBalancer(r -> r.name("front").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnets.stream().map(Subnet::subnetId).toList())).loadBalancers().get(0).loadBalancerArn();
        String targetsGroup = provider.createSecurityGroup(r -> r.groupName("targets").description("targets").vpcId(vpcId)).groupId();
        provider.authorizeSecurityGroupIngress(r -> r.groupId(targetsGroup).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(8080)
                .toPort(8080).ipRanges(IpRange.builder().cidrIp("172.31.0.0/16").build()).build()));
        List<String> targetAddresses = new ArrayList<>();
        for (Subnet subnet : subnets) {
            targetAddresses.add(provider.createNetworkInterface(r -> r.subnetId(subnet.subnetId()).groups(targetsGroup)).networkInterface()
                    .privateIpAddress());
        }
        targetInZone = targetAddresses.get(0);
        String targetGroupArn = elb.createTargetGroup(r -> r.name("app").protocol(ProtocolEnum.TCP).port(8080).vpcId(vpcId)
                .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(targetAddresses.stream()
                .map(address -> TargetDescription.builder().id(address).build()).toList()));
        elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.TCP).port(443)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build()));
        String suffix = loadBalancerArn.substring(loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
        nodeAddress = provider.describeNetworkInterfaces(r -> r.filters(filter("description", "ELB " + suffix),
                filter("subnet-id", subnets.get(0).subnetId()))).networkInterfaces().get(0).privateIpAddress();

        String serviceId = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(loadBalancerArn).acceptanceRequired(false))
                .serviceConfiguration().serviceId();
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
        String serviceName = provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0)
                .serviceName();

        Ec2Client consumer = backlane.ec2(CONSUMER);
        Subnet beside = consumer.describeSubnets(r -> r.filters(filter("default-for-az", "true"),
                filter("availability-zone-id", subnets.get(0).availabilityZoneId()))).subnets().get(0);
        var endpoint = consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(beside.vpcId()).serviceName(serviceName)
                .subnetIds(beside.subnetId())).vpcEndpoint();
        endpointId = endpoint.vpcEndpointId();
        endpointName = endpoint.dnsEntries().get(0).dnsName();
        workload = consumer.createNetworkInterface(r -> r.subnetId(beside.subnetId())).networkInterface().networkInterfaceId();
    }

    @Test
    void explainFollowsTheEndpointToTheTargetInItsZone() throws Exception {
        JsonNode path = explain("--from", workload, "--to", endpointName + ":443", "--json");

        assertEquals("PRIVATE", path.get("verdict").asText(), path.toPrettyString());
        assertEquals(endpointId, path.get("via").asText());
        List<String> types = StreamSupport.stream(path.get("hops").spliterator(), false).map(hop -> hop.get("type").asText()).toList();
        List<String> provider = types.subList(types.indexOf("load-balancer"), types.size());
        assertEquals(List.of("load-balancer", "listener", "target-group", "target", "security-group"), provider, path.toPrettyString());
        JsonNode targets = path.get("targets");
        assertEquals(1, targets.size(), "cross-zone load balancing is off: only the zone's target");
        assertEquals(targetInZone, targets.get(0).get("address").asText());
        assertEquals(8080, targets.get(0).get("port").asInt());
        assertEquals(nodeAddress, targets.get(0).get("loadBalancerAddress").asText());
        assertEquals(PROVIDER, targets.get(0).get("account").asText());
        // Just registered, no target has passed its checks: the load balancer fails open.
        assertTrue(path.get("explanations").toString().contains("TARGETS_FAIL_OPEN"), path.toPrettyString());
    }

    @Test
    void explainForPeopleListsTheTargets() {
        Result result = BacklaneCli.run("explain", "--from", workload, "--to", endpointName + ":443", "--endpoint-url", backlane.endpoint());

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("targets:"), result.out());
        assertTrue(result.out().contains(targetInZone + ":8080"), result.out());
    }

    @Test
    void aPortWithoutListenerIsBlockedAtTheLoadBalancer() throws Exception {
        JsonNode path = explain("--from", workload, "--to", endpointName + ":8443", "--json");

        assertEquals("BLOCKED", path.get("verdict").asText());
        JsonNode explanations = path.get("explanations");
        JsonNode blocking = explanations.get(explanations.size() - 1);
        assertEquals("ELBV2_LISTENERS_MISMATCH", blocking.get("code").asText());
        assertEquals(loadBalancerArn, blocking.get("component").asText());
        assertTrue(blocking.get("detail").asText().contains("TCP 443"), blocking.toString());
    }

    @Test
    void networkInsightsNamesTheLoadBalancerThatHasNoListener() {
        Ec2Client consumer = backlane.ec2(CONSUMER);
        String path = consumer.createNetworkInsightsPath(r -> r.source(workload).destination(endpointId).protocol(Protocol.TCP).destinationPort(8443))
                .networkInsightsPath().networkInsightsPathId();
        NetworkInsightsAnalysis analysis = consumer.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(path)).networkInsightsAnalysis();

        assertEquals("succeeded", analysis.statusAsString(), analysis.statusMessage());
        assertFalse(analysis.networkPathFound());
        Explanation blocking = analysis.explanations().get(analysis.explanations().size() - 1);
        assertEquals("ELBV2_LISTENERS_MISMATCH", blocking.explanationCode());
        assertEquals(loadBalancerArn, blocking.loadBalancerArn());
    }

    private static JsonNode explain(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(arguments));
        all.addAll(List.of("--endpoint-url", backlane.endpoint()));
        Result result = BacklaneCli.run(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        return JSON.readTree(result.out());
    }
}
