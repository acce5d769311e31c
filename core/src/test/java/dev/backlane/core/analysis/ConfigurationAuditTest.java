package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.network.RouteTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationAuditTest {
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String S3 = "com.amazonaws.us-east-1.s3";

    private final AnalysisWorld world = new AnalysisWorld();
    private final ConfigurationAudit audit = new ConfigurationAudit(ServiceAddresses.standard());
    private final Vpc vpc = world.vpc("10.0.0.0/16");
    private final Subnet subnetA = world.subnet(vpc, "10.0.1.0/24", "us-east-1a");
    private final Subnet subnetB = world.subnet(vpc, "10.0.2.0/24", "us-east-1b");
    private final SecurityGroup workloads = world.group(vpc, "workloads");
    private final SecurityGroup open = world.group(vpc, "endpoints");

    ConfigurationAuditTest() {
        world.allowIn(open.id(), 443, "10.0.0.0/16");
        world.eni(subnetA, workloads.id());
        world.eni(subnetB, workloads.id());
    }

    @Test
    void wellBuiltEndpointHasNoFindings() {
        world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA, subnetB), open.id());
        assertEquals(Map.of(), run(Optional.empty()));
    }

    @Test
    void privateDnsOffAndVpcAttributesOffAreF1() {
        VpcEndpoint off = world.interfaceEndpoint(vpc, STS, false, "available", List.of(subnetA, subnetB), open.id());
        assertEquals(List.of(FailureMode.F1_PUBLIC_DNS), modes(run(Optional.empty())));
        assertEquals(List.of(off.id()), run(Optional.empty()).get(vpc.id()).get(0).resources());
        world.update(off.withDns(true, "ipv4", "ipv4", false));
        world.dnsAttributes(vpc.id(), true, false);
        AuditFinding finding = run(Optional.empty()).get(vpc.id()).get(0);
        assertEquals(FailureMode.F1_PUBLIC_DNS, finding.mode());
        assertTrue(finding.detail().contains("enableDnsHostnames=false"), finding.detail());
    }

    @Test
    void endpointGroupsShuttingOutWorkloadsAreF2() {
        SecurityGroup closed = world.group(vpc, "closed");
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA, subnetB), closed.id());
        AuditFinding finding = run(Optional.empty()).get(vpc.id()).get(0);
        assertEquals(FailureMode.F2_ENDPOINT_SECURITY_GROUP, finding.mode());
        assertEquals(List.of(endpoint.id(), closed.id()), finding.resources().subList(0, 2));
        assertEquals(4, finding.resources().size());
        world.allowInFromGroup(closed.id(), 443, workloads.id());
        assertEquals(Map.of(), run(Optional.empty()));
    }

    @Test
    void zonesWithoutAnInterfaceAreF3AndSingleZoneEndpointsAreReported() {
        VpcEndpoint endpoint = world.interfaceEndpoint(vpc, STS, true, "available", List.of(subnetA), open.id());
        List<AuditFinding> findings = run(Optional.empty()).get(vpc.id());
        assertEquals(List.of(FailureMode.SINGLE_AZ_INTERFACE_ENDPOINT, FailureMode.F3_ZONE_WITHOUT_ENDPOINT),
                findings.stream().map(AuditFinding::mode).toList());
        assertEquals(List.of(endpoint.id(), subnetB.id()), findings.get(1).resources());
    }

    @Test
    void endpointPolicyDenyingGrantedActionsIsF4() {
        List<AuditFinding> findings = f4Findings(Optional.of("arn:aws:iam::111122223333:role/app"), """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","sts:GetCallerIdentity"],
                 "Resource":"arn:aws:s3:::data/*"}]}""");
        assertEquals(List.of(FailureMode.F4_ENDPOINT_POLICY_DENIES), findings.stream().map(AuditFinding::mode).toList());
        assertTrue(findings.get(0).detail().contains("s3:PutObject"), findings.get(0).detail());
        assertTrue(findings.get(0).detail().endsWith("which an identity policy of arn:aws:iam::111122223333:role/app grants"),
                findings.get(0).detail());
        assertEquals(AuditSeverity.ERROR, findings.get(0).severity());
    }

    @Test
    void f4WithoutAPrincipalSaysItEvaluatedAnAnonymousCallerAndNamesNoStar() {
        List<AuditFinding> findings = f4Findings(Optional.empty(), """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::data/*"}]}""");
        assertEquals(List.of(FailureMode.F4_ENDPOINT_POLICY_DENIES), findings.stream().map(AuditFinding::mode).toList());
        String detail = findings.get(0).detail();
        assertTrue(detail.contains("which the identity policies grant (evaluated for an anonymous caller"), detail);
        assertTrue(!detail.contains("of *"), detail);
    }

    /** The findings for the VPC whose S3 gateway endpoint allows only s3:GetObject, weighed against {@code identity}. */
    private List<AuditFinding> f4Findings(Optional<String> principal, String identity) {
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, world.mainRouteTable(vpc));
        world.update(gateway.withPolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"""));
        return run(Optional.of(new ConfigurationAudit.IdentityPolicies(principal, List.of(identity)))).get(vpc.id());
    }

    @Test
    void severitiesPutBrokenTrafficAboveZoneRiskAboveCostAdvice() {
        assertEquals(List.of(AuditSeverity.ERROR, AuditSeverity.ERROR, AuditSeverity.WARNING, AuditSeverity.ERROR, AuditSeverity.INFO,
                AuditSeverity.ERROR, AuditSeverity.WARNING), java.util.Arrays.stream(FailureMode.values()).map(FailureMode::severity).toList());
        assertTrue(AuditSeverity.ERROR.atLeast(AuditSeverity.WARNING));
        assertTrue(AuditSeverity.WARNING.atLeast(AuditSeverity.WARNING));
        assertTrue(!AuditSeverity.INFO.atLeast(AuditSeverity.WARNING));
    }

    @Test
    void natGatewayCarryingS3IsF5AndAPrivateTableWithoutTheGatewayIsF6() {
        Subnet publicSubnet = world.subnet(vpc, "10.0.9.0/24", "us-east-1a");
        RouteTable publicTable = world.routeTable(vpc, publicSubnet);
        world.internetRoute(vpc, publicTable.id());
        NatGateway nat = world.natGateway(publicSubnet);
        String main = world.mainRouteTable(vpc);
        world.route(main, "0.0.0.0/0", RouteTarget.natGateway(nat.id()));
        List<AuditFinding> findings = run(Optional.empty()).get(vpc.id());
        assertEquals(List.of(FailureMode.F5_NAT_FOR_GATEWAY_SERVICE, FailureMode.F5_NAT_FOR_GATEWAY_SERVICE),
                findings.stream().map(AuditFinding::mode).toList());
        assertEquals(List.of(main, nat.id(), subnetA.id(), subnetB.id()), findings.get(0).resources());
        RouteTable isolated = world.routeTable(vpc, subnetB);
        VpcEndpoint gateway = world.gatewayEndpoint(vpc, S3, AnalysisWorld.S3_PREFIX_LIST, main);
        List<AuditFinding> after = run(Optional.empty()).get(vpc.id());
        assertTrue(after.stream().anyMatch(finding -> finding.mode() == FailureMode.F6_ROUTE_TABLE_WITHOUT_GATEWAY_ENDPOINT
                && finding.resources().equals(List.of(gateway.id(), isolated.id(), subnetB.id()))), after.toString());
        assertTrue(after.stream().noneMatch(finding -> finding.mode() == FailureMode.F5_NAT_FOR_GATEWAY_SERVICE
                && finding.detail().startsWith("s3")), after.toString());
    }

    private Map<String, List<AuditFinding>> run(Optional<ConfigurationAudit.IdentityPolicies> identity) {
        return audit.audit(world.engine.index(world.world()).scope(AnalysisWorld.SCOPE).orElseThrow(), identity);
    }

    private List<FailureMode> modes(Map<String, List<AuditFinding>> findings) {
        return findings.get(vpc.id()).stream().map(AuditFinding::mode).toList();
    }
}
