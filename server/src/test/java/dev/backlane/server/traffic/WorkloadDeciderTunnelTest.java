package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.ServiceTarget;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.PrivateLinkEndpoint;
import dev.backlane.core.traffic.ProxyProtocolV2;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.TunnelDecision;
import dev.backlane.dataplane.gateway.TunnelDecision.Refusal;
import dev.backlane.dataplane.gateway.TunnelRequest;
import dev.backlane.server.protocol.ServiceProtocols;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a workload's tunnels are decided from the path engine's judgement: the target, its socket, the preamble, or the refusal. */
class WorkloadDeciderTunnelTest {
    private static final Scope CONSUMER = new Scope("222222222222", "us-east-1");
    private static final Scope PROVIDER = new Scope("111111111111", "us-east-1");
    private static final Workload WORKLOAD = new Workload("wl-1", CONSUMER, "eni-0000000000000000c", Optional.empty(),
            "arn:aws:iam::222222222222:root", true);
    private static final PrivateLinkEndpoint ENDPOINT = new PrivateLinkEndpoint("222222222222", "us-east-1", "vpc-c", "subnet-c", "eni-0000000000000000c",
            "10.0.1.5", "vpce-0123456789abcdef0", "eni-0000000000000000e", "10.0.1.20", "use1-az1", "com.amazonaws.vpce.us-east-1.vpce-svc-1",
            "vpce-svc-1", "111111111111");
    private static final String HOST = "vpce-0123456789abcdef0-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com";

    private static ServiceTarget target(String address, boolean proxyProtocol) {
        return new ServiceTarget(PROVIDER, "vpc-p", "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/p/1", "10.1.0.100",
                "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/t/1", address, address, 8080, "us-east-1a", proxyProtocol);
    }

    private static PathResult reachable(List<ServiceTarget> targets) {
        return new PathResult(Verdict.PRIVATE, Optional.of("vpce-0123456789abcdef0"), List.of(), List.of(), targets);
    }

    private static PathResult blocked(ExplanationCode code) {
        return new PathResult(Verdict.BLOCKED, Optional.empty(), List.of(), List.of(new Explanation(code, "x", "why " + code.name())));
    }

    private final Map<String, InetSocketAddress> sockets = new HashMap<>();

    private WorkloadDecider decider(PathResult path, Optional<PrivateLinkEndpoint> endpoint) {
        WorkloadDecider.ConnectionJudge judge = (workload, host, port) -> new TunnelJudge.Judgement(path, endpoint);
        TargetSockets targets = (scope, vpcId, address, port) -> scope.equals(PROVIDER) && vpcId.equals("vpc-p")
                ? Optional.ofNullable(sockets.get(address + ":" + port))
                : Optional.empty();
        WorkloadDecider.Classifier classifier = new WorkloadDecider.Classifier() {
            @Override
            public boolean needsBody(dev.backlane.core.traffic.HttpRequestHead head) {
                return false;
            }

            @Override
            public dev.backlane.core.traffic.RequestFacts classify(dev.backlane.core.traffic.HttpRequestHead head, Optional<byte[]> body, String account) {
                throw new AssertionError("no call expected");
            }
        };
        return new WorkloadDecider(WORKLOAD, classifier, (workload, facts, account) -> {
            throw new AssertionError("no call expected");
        }, Upstreams.parse(List.of()), URI.create("http://127.0.0.1:4577"), ServiceProtocols.standard(), "000000000000", judge, targets);
    }

    @Test
    void aReachableEndpointServiceTunnelsToTheChosenTargetsSocketWithItsProxyProtocolHeader() {
        sockets.put("10.1.0.10:8080", new InetSocketAddress("127.0.0.1", 40001));
        TunnelDecision decision = decider(reachable(List.of(target("10.1.0.10", true))), Optional.of(ENDPOINT))
                .decideTunnel(new TunnelRequest(HOST, 443, 50123));
        TunnelDecision.Tunnel tunnel = assertInstanceOf(TunnelDecision.Tunnel.class, decision);
        assertEquals(new InetSocketAddress("127.0.0.1", 40001), tunnel.target());
        assertArrayEquals(ProxyProtocolV2.header("10.0.1.5", 50123, "10.1.0.100", 443, Optional.of("vpce-0123456789abcdef0")), tunnel.preamble());
        assertEquals(Optional.of("10.1.0.10"), tunnel.flow().targetAddress());
        assertEquals(50123, tunnel.flow().sourcePort());
        assertEquals("wl-1", tunnel.flow().workloadId());
    }

    @Test
    void withoutProxyProtocolTheTargetGetsTheConsumersBytesOnly() {
        sockets.put("10.1.0.10:8080", new InetSocketAddress("127.0.0.1", 40001));
        TunnelDecision.Tunnel tunnel = assertInstanceOf(TunnelDecision.Tunnel.class, decider(reachable(List.of(target("10.1.0.10", false))),
                Optional.of(ENDPOINT)).decideTunnel(new TunnelRequest(HOST, 443, 50123)));
        assertEquals(0, tunnel.preamble().length);
    }

    @Test
    void connectionsFromNewSourcePortsSpreadOverTheTargets() {
        sockets.put("10.1.0.10:8080", new InetSocketAddress("127.0.0.1", 40001));
        sockets.put("10.1.0.11:8080", new InetSocketAddress("127.0.0.1", 40002));
        WorkloadDecider decider = decider(reachable(List.of(target("10.1.0.10", false), target("10.1.0.11", false))), Optional.of(ENDPOINT));
        Set<InetSocketAddress> reached = new HashSet<>();
        for (int port = 50000; port < 50020; port++) {
            reached.add(assertInstanceOf(TunnelDecision.Tunnel.class, decider.decideTunnel(new TunnelRequest(HOST, 443, port))).target());
        }
        assertEquals(Set.copyOf(sockets.values()), reached);
    }

    @Test
    void aTargetWithNoProcessBehindItRefusesTheConnection() {
        TunnelDecision.Refuse refuse = assertInstanceOf(TunnelDecision.Refuse.class, decider(reachable(List.of(target("10.1.0.10", false))),
                Optional.of(ENDPOINT)).decideTunnel(new TunnelRequest(HOST, 443, 50123)));
        assertEquals(Refusal.CONNECTION_REFUSED, refuse.refusal());
        assertTrue(refuse.message().contains("10.1.0.10:8080"), refuse.message());
        assertEquals(Optional.of("10.1.0.10"), refuse.flow().orElseThrow().targetAddress());
    }

    @Test
    void aBlockedPathIsADroppedSynNamingTheEndpoint() {
        TunnelDecision.Block block = assertInstanceOf(TunnelDecision.Block.class, decider(blocked(ExplanationCode.ENDPOINT_REJECTED),
                Optional.of(ENDPOINT)).decideTunnel(new TunnelRequest(HOST, 443, 50123)));
        assertEquals("vpce-0123456789abcdef0", block.flow().orElseThrow().endpointId());
        assertTrue(block.flow().get().targetAddress().isEmpty());
    }

    @Test
    void aNameThatDoesNotResolveIsHostUnreachable() {
        TunnelDecision.Refuse refuse = assertInstanceOf(TunnelDecision.Refuse.class, decider(blocked(ExplanationCode.DESTINATION_NOT_RESOLVED),
                Optional.empty()).decideTunnel(new TunnelRequest("nowhere.example", 443, 50123)));
        assertEquals(Refusal.HOST_UNREACHABLE, refuse.refusal());
        assertTrue(refuse.message().contains("why DESTINATION_NOT_RESOLVED"), refuse.message());
    }

    @Test
    void aReachableDestinationThatIsNoEndpointServiceIsNotTunnelled() {
        TunnelDecision.Refuse refuse = assertInstanceOf(TunnelDecision.Refuse.class, decider(reachable(List.of()), Optional.empty())
                .decideTunnel(new TunnelRequest("s3.us-east-1.amazonaws.com", 443, 50123)));
        assertEquals(Refusal.NOT_SUPPORTED, refuse.refusal());
        assertTrue(refuse.message().contains("PRIVATE through vpce-0123456789abcdef0"), refuse.message());
    }

    @Test
    void anEndpointServiceWhosePathNamesNoTargetIsRefused() {
        TunnelDecision.Refuse refuse = assertInstanceOf(TunnelDecision.Refuse.class, decider(reachable(List.of()), Optional.of(ENDPOINT))
                .decideTunnel(new TunnelRequest(HOST, 443, 50123)));
        assertEquals(Refusal.CONNECTION_REFUSED, refuse.refusal());
    }
}
