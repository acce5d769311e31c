package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.CONSUMER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultParameters;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.network.NetworkAclCommands;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.traffic.EstablishedTunnelJudge;
import dev.backlane.core.traffic.EstablishedTunnelJudge.Cut;
import dev.backlane.core.traffic.PrivateLinkEndpoint;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * An open PrivateLink connection judged again after the world changed: cut as AWS cuts it (endpoint rejected or
 * deleted, a network ACL, a zone outage), carried on where connection tracking keeps it (security group rules
 * removed on the consumer's side or the endpoint's), while a new connection on the same world is refused.
 */
class EstablishedTunnelJudgeTest {
    private static final int PORT = 8443;

    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final EndpointServiceConfiguration service = world.serving(world.service(false, "us-east-1a"), PORT);
    private final Subnet subnet = world.consumerSubnetBeside("us-east-1a");
    private final VpcEndpoint endpoint = world.endpoint(service, subnet);
    private final PathEngine engine = new PathEngine(() -> world.now);
    private final EstablishedTunnelJudge judge = new EstablishedTunnelJudge(engine);

    private int workloads;

    private Workload workloadIn(Subnet where) {
        return world.workloadIn("w-" + ++workloads, where);
    }

    private String regionalName() {
        return endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1");
    }

    /** Opens a connection as the gateway does: judged new, and its flow once a target is chosen. */
    private PrivateLinkFlow open(Workload workload) {
        world.now = world.now.plus(Duration.ofHours(1));
        TunnelJudge.Judgement judgement = new TunnelJudge(engine).judge(index(), workload, regionalName(), PORT, world.now);
        assertEquals(Verdict.PRIVATE, judgement.path().verdict(), judgement.path().toString());
        PrivateLinkEndpoint side = judgement.privateLink().orElseThrow();
        return new PrivateLinkFlow(side.account(), side.region(), workload.id(), side.vpcId(), side.subnetId(), side.networkInterfaceId(),
                side.sourceAddress(), 40000, side.endpointId(), side.endpointNetworkInterfaceId(), side.endpointAddress(), side.zoneId(),
                side.serviceName(), side.serviceId(), side.serviceAccount(), PORT, Optional.of(judgement.path().targets().get(0).loadBalancerArn()),
                Optional.of(judgement.path().targets().get(0).address()), OptionalInt.of(judgement.path().targets().get(0).port()));
    }

    private WorldIndex index() {
        return engine.index(world.cloud.snapshot());
    }

    private Optional<Cut> judgeAgain(Workload workload, PrivateLinkFlow flow) {
        return judge.judge(index(), workload, flow.endpointAddress(), flow.port(), world.now);
    }

    private Verdict newConnection(Workload workload) {
        return new TunnelJudge(engine).judge(index(), workload, regionalName(), PORT, world.now).path().verdict();
    }

    @Test
    void anUnchangedPathCarriesOn() {
        Workload workload = workloadIn(subnet);
        PrivateLinkFlow flow = open(workload);
        assertEquals(Optional.empty(), judgeAgain(workload, flow));
    }

    @Test
    void rejectingTheEndpointsConnectionCutsIt() {
        Workload workload = workloadIn(subnet);
        PrivateLinkFlow flow = open(workload);
        world.cloud.write(PROVIDER, transaction -> new EndpointConnectionCommands().reject(transaction, service.id(), List.of(endpoint.id())));

        assertEquals(Optional.of(Cut.ENDPOINT_REJECTED), judgeAgain(workload, flow));
    }

    @Test
    void deletingTheEndpointCutsIt() {
        Workload workload = workloadIn(subnet);
        PrivateLinkFlow flow = open(workload);
        world.cloud.write(CONSUMER, transaction -> world.endpoints.delete(transaction, List.of(endpoint.id())));
        world.now = world.now.plus(Duration.ofHours(1));

        assertEquals(Optional.of(Cut.ENDPOINT_DELETED), judgeAgain(workload, flow));
    }

    @Test
    void removingTheSecurityGroupRulesThatAllowedItLeavesItOpenButRefusesNewConnections() {
        Workload workload = workloadIn(subnet);
        PrivateLinkFlow flow = open(workload);
        // The workload and the endpoint's interface share the VPC's default group: its egress rule lets the
        // workload out, its self-referencing ingress rule lets it in to the endpoint.
        SecurityGroup group = world.cloud.snapshot().scope(CONSUMER).all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(one -> one.vpcId().equals(subnet.vpcId()) && one.name().equals("default")).findFirst().orElseThrow();
        world.cloud.write(CONSUMER, transaction -> new SecurityGroupCommands(PrivateLinkWorld.QUOTAS, new PrefixListLookup(AwsPrefixListCatalog.standard()))
                .revoke(transaction, group.id(), true, List.of(), group.rules().stream().filter(SecurityGroupRule::egress).map(SecurityGroupRule::id)
                        .toList()));
        assertEquals(Verdict.BLOCKED, newConnection(workload));
        assertEquals(Optional.empty(), judgeAgain(workload, flow), "egress rule removed: the tracked connection carries on");

        world.cloud.write(CONSUMER, transaction -> new SecurityGroupCommands(PrivateLinkWorld.QUOTAS, new PrefixListLookup(AwsPrefixListCatalog.standard()))
                .revoke(transaction, group.id(), false, List.of(), group.rules().stream().filter(rule -> !rule.egress()).map(SecurityGroupRule::id)
                        .toList()));
        assertEquals(Optional.empty(), judgeAgain(workload, flow), "the endpoint's ingress rule removed too");

        // Security groups do not hide what comes after them: the endpoint rejected now still cuts it.
        world.cloud.write(PROVIDER, transaction -> new EndpointConnectionCommands().reject(transaction, service.id(), List.of(endpoint.id())));
        assertEquals(Optional.of(Cut.ENDPOINT_REJECTED), judgeAgain(workload, flow));
    }

    @Test
    void aNetworkAclDenyingItCutsIt() {
        Subnet elsewhere = world.defaultSubnet(CONSUMER, subnet.availabilityZone().equals("us-east-1b") ? "us-east-1c" : "us-east-1b");
        Workload workload = workloadIn(elsewhere);
        PrivateLinkFlow flow = open(workload);
        NetworkAcl acl = world.cloud.snapshot().scope(CONSUMER).all(ResourceTypes.NETWORK_ACL).stream()
                .filter(one -> one.vpcId().equals(subnet.vpcId()) && one.isDefault()).findFirst().orElseThrow();
        world.cloud.write(CONSUMER, transaction -> new NetworkAclCommands(PrivateLinkWorld.QUOTAS).createEntry(transaction, acl.id(),
                new NetworkAclCommands.EntryRequest(50, false, "6", "deny", elsewhere.cidrBlock(), null, null, null, PORT, PORT)));

        assertEquals(Verdict.BLOCKED, newConnection(workload));
        assertEquals(Optional.of(Cut.NETWORK_ACL), judgeAgain(workload, flow));
    }

    @Test
    void aZoneOutageOfTheEndpointsInterfaceCutsIt() {
        Workload workload = workloadIn(subnet);
        PrivateLinkFlow flow = open(workload);
        Fault zoneDown = new Fault("fault-00000000000000001", FaultKind.F3_ZONE_UNAVAILABLE, new FaultScope(Map.of(FaultScope.Field.ZONE,
                subnet.availabilityZone())), FaultParameters.none(), world.now, world.now.plusSeconds(3600));

        Optional<Cut> cut = judge.judge(index().withFaults(FaultSet.of(List.of(zoneDown))), workload, flow.endpointAddress(), flow.port(), world.now);

        assertEquals(Optional.of(Cut.FAULT), cut);
    }

    @Test
    void onlyBlockingCodesThatStopAnEstablishedFlowCutIt() {
        assertEquals(Optional.empty(), EstablishedTunnelJudge.cutBy(new dev.backlane.core.analysis.PathResult(Verdict.BLOCKED, Optional.empty(),
                List.of(), List.of(new dev.backlane.core.analysis.Explanation(ExplanationCode.ELBV2_NO_TARGETS_IN_AZ, "lb", "no targets")))));
        assertEquals(Optional.of(Cut.ENDPOINT_DELETED), EstablishedTunnelJudge.cutBy(new dev.backlane.core.analysis.PathResult(Verdict.BLOCKED,
                Optional.empty(), List.of(), List.of(new dev.backlane.core.analysis.Explanation(ExplanationCode.NO_INTERFACE_AT_ADDRESS, "vpc", "gone")))));
    }
}
