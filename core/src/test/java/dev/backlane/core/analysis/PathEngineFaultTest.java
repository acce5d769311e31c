package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultParameters;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Faults as the path engine and the VPC DNS view see them: each the deciding rule of the path it changes. */
class PathEngineFaultTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String HOST = "sts.us-east-1.amazonaws.com";
    private static final String ZONE_A = AnalysisWorld.zoneName("use1-az6");
    private static final String ZONE_B = AnalysisWorld.zoneName("use1-az1");
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    private final AnalysisWorld world = new AnalysisWorld();
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet subnetA = world.subnet(vpc, "10.0.1.0/24", ZONE_A);
    private final Subnet subnetB = world.subnet(vpc, "10.0.2.0/24", ZONE_B);
    private final SecurityGroup workloads = world.group(vpc, "workloads");
    private final SecurityGroup endpointGroup = world.group(vpc, "endpoints");
    private final NetworkInterface inA = world.eni(subnetA, workloads.id());
    private final NetworkInterface inB = world.eni(subnetB, workloads.id());
    private final VpcEndpoint endpoint;

    PathEngineFaultTest() {
        world.allowIn(endpointGroup.id(), 443, "10.0.0.0/16");
        endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA, subnetB), endpointGroup.id());
    }

    @Test
    void securityGroupDropFaultBlocksAndIsTheDecidingRule() {
        Fault fault = fault(FaultKind.F2_SECURITY_GROUP_DROP, Map.of(Field.ENDPOINT, endpoint.id()));
        PathResult result = explain(inA.id(), Optional.empty(), fault);
        assertEquals(Verdict.BLOCKED, result.verdict());
        Explanation last = result.explanations().get(result.explanations().size() - 1);
        assertEquals(ExplanationCode.FAULT_SECURITY_GROUP_DROP, last.code());
        assertEquals(fault.id(), last.component());
        assertTrue(last.detail().contains(endpointGroup.id()), last.detail());
    }

    @Test
    void aPathBlockedAtTheEndpointNamesTheEndpointItWasStoppedAt() {
        PathResult dropped = explain(inA.id(), Optional.empty(), fault(FaultKind.F2_SECURITY_GROUP_DROP, Map.of(Field.ENDPOINT, endpoint.id())));
        assertEquals(Optional.empty(), dropped.via(), "it did not go through the endpoint");
        assertEquals(Optional.of(endpoint.id()), dropped.endpoint(), dropped.toString());
        PathResult zoneDown = explain(inA.id(), Optional.empty(), fault(FaultKind.F3_ZONE_UNAVAILABLE, Map.of(Field.ZONE, ZONE_A)));
        assertEquals(Verdict.BLOCKED, zoneDown.verdict());
        assertEquals(Optional.of(endpoint.id()), zoneDown.endpoint(), zoneDown.toString());
        PathResult through = explain(inA.id(), Optional.empty(), fault(FaultKind.F2_SECURITY_GROUP_DROP, Map.of(Field.SUBNET, subnetB.id())));
        assertEquals(Optional.of(endpoint.id()), through.endpoint(), "a reachable path names its via: " + through);
    }

    @Test
    void securityGroupDropFaultLeavesTrafficOutsideItsScope() {
        Fault onlyB = fault(FaultKind.F2_SECURITY_GROUP_DROP, Map.of(Field.SUBNET, subnetB.id()));
        assertEquals(Verdict.PRIVATE, explain(inA.id(), Optional.empty(), onlyB).verdict());
        assertEquals(Verdict.BLOCKED, explain(inB.id(), Optional.empty(), onlyB).verdict());
    }

    @Test
    void zoneFaultFailsClientsPinnedToTheZoneOnly() {
        Fault zoneA = fault(FaultKind.F3_ZONE_UNAVAILABLE, Map.of(Field.ZONE, ZONE_A));
        PathResult inZone = explain(inA.id(), Optional.empty(), zoneA);
        assertEquals(Verdict.BLOCKED, inZone.verdict());
        assertEquals(ExplanationCode.FAULT_ZONE_UNAVAILABLE, inZone.explanations().get(inZone.explanations().size() - 1).code());
        assertEquals(Verdict.PRIVATE, explain(inB.id(), Optional.empty(), zoneA).verdict());
        String zonalName = endpoint.id() + "-" + endpoint.dnsSuffix() + "-" + ZONE_A + ".sts.us-east-1.vpce.amazonaws.com";
        assertEquals(Verdict.BLOCKED, explainTo(inB.id(), zonalName, Optional.empty(), zoneA).verdict());
    }

    @Test
    void policyDenyFaultIsAnExplicitDenyOfTheEndpointPolicyForItsActionsAndPrincipal() {
        Fault deny = new Fault("fault-00000000000000001", FaultKind.F4_POLICY_DENY, new FaultScope(Map.of(Field.PRINCIPAL, ROLE)),
                new FaultParameters(List.of("sts:GetCallerIdentity"), List.of(), Optional.empty(), Optional.empty()),
                AnalysisWorld.NOW, AnalysisWorld.NOW.plusSeconds(3600));
        PathResult denied = explain(inA.id(), Optional.of(PathQuery.PolicyQuestion.of(ROLE, "sts:GetCallerIdentity", "*")), deny);
        assertEquals(Verdict.BLOCKED, denied.verdict());
        Explanation last = denied.explanations().get(denied.explanations().size() - 1);
        assertEquals(ExplanationCode.ENDPOINT_POLICY_DENIES, last.code());
        assertTrue(last.explicitDeny());
        assertTrue(last.detail().contains(deny.id()), last.detail());
        assertEquals(Verdict.PRIVATE, explain(inA.id(), Optional.of(PathQuery.PolicyQuestion.of(ROLE, "sts:AssumeRole", "*")), deny).verdict());
        String other = "arn:aws:iam::111122223333:role/other";
        assertEquals(Verdict.PRIVATE, explain(inA.id(), Optional.of(PathQuery.PolicyQuestion.of(other, "sts:GetCallerIdentity", "*")), deny)
                .verdict());
    }

    @Test
    void publicDnsFaultMakesTheNameResolvePubliclyInTheEngineAndTheResolver() {
        Fault publicDns = fault(FaultKind.F1_PUBLIC_DNS, Map.of(Field.SERVICE, "sts", Field.VPC, vpc.id()));
        PathResult result = explain(inA.id(), Optional.empty(), publicDns);
        assertTrue(result.explanations().stream().anyMatch(explanation -> explanation.code() == ExplanationCode.FAULT_PUBLIC_DNS
                && explanation.component().equals(publicDns.id())), result.explanations().toString());
        assertTrue(result.via().filter(endpoint.id()::equals).isEmpty(), result.toString());
        WorldIndex faulted = index(publicDns);
        DnsAnswer answer = VpcDnsView.standard().answer(faulted, VpcDnsView.locate(faulted, vpc.id()).orElseThrow(), HOST, VpcDnsView.TYPE_A)
                .orElseThrow();
        long publicAddress = ServiceAddresses.standard().address("us-east-1", "sts").orElseThrow();
        assertEquals(List.of(publicAddress), answer.records().stream().map(DnsRecord::address).toList());
        WorldIndex healthy = index();
        DnsAnswer privately = VpcDnsView.standard().answer(healthy, VpcDnsView.locate(healthy, vpc.id()).orElseThrow(), HOST, VpcDnsView.TYPE_A)
                .orElseThrow();
        assertTrue(privately.records().stream().map(DnsRecord::address).noneMatch(address -> address == publicAddress));
    }

    @Test
    void publicDnsFaultOfAnotherServiceChangesNothing() {
        Fault s3 = fault(FaultKind.F1_PUBLIC_DNS, Map.of(Field.SERVICE, "s3"));
        PathResult result = explain(inA.id(), Optional.empty(), s3);
        assertEquals(Optional.of(endpoint.id()), result.via());
        assertTrue(result.explanations().isEmpty(), result.explanations().toString());
    }

    @Test
    void noFaultsKeepTheSameIndex() {
        WorldIndex index = world.engine.index(world.world());
        assertTrue(index == index.withFaults(FaultSet.none()));
    }

    private Fault fault(FaultKind kind, Map<Field, String> scope) {
        return new Fault("fault-00000000000000001", kind, new FaultScope(scope), FaultParameters.none(), AnalysisWorld.NOW,
                AnalysisWorld.NOW.plusSeconds(3600));
    }

    private WorldIndex index(Fault... faults) {
        return world.engine.index(world.world()).withFaults(FaultSet.of(List.of(faults)));
    }

    private PathResult explain(String from, Optional<PathQuery.PolicyQuestion> policy, Fault fault) {
        return explainTo(from, HOST, policy, fault);
    }

    private PathResult explainTo(String from, String to, Optional<PathQuery.PolicyQuestion> policy, Fault fault) {
        PathQuery query = PathQuery.of(from, to, Protocol.TCP, 443);
        return world.engine.explain(index(fault), policy.map(query::withPolicy).orElse(query), AnalysisWorld.NOW.plusSeconds(60));
    }
}
