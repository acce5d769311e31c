package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.e2e.BacklaneCli.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * VPC endpoints built through the EC2 API, then explained through {@code backlane explain
 * --endpoint-url} and through the Network Insights API. The VPC (DNS support and hostnames on) has:
 * <ul>
 *   <li>an STS interface endpoint with private DNS, one interface in zone A (a zone every endpoint service
 *       here is offered in, as this account names it), its group admitting 443 from the VPC;</li>
 *   <li>an SSM interface endpoint with private DNS whose group admits nothing;</li>
 *   <li>an EC2 interface endpoint with private DNS off;</li>
 *   <li>an S3 gateway endpoint on the private route table only, its policy denying s3:PutObject (statement {@code DenyPut});</li>
 *   <li>workloads in zone A and another zone B on the private table (0.0.0.0/0 to a NAT gateway), one on a
 *       "legacy" table with the same NAT route but no gateway endpoint, and one on an isolated table (local only).</li>
 * </ul>
 */
class EndpointPathsIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STS = "com.amazonaws.us-east-1.sts";
    private static final String S3 = "com.amazonaws.us-east-1.s3";

    private static String account;
    private static Ec2Client ec2;
    private static String vpc;
    private static String workloadA;
    private static String workloadB;
    private static String legacyWorkload;
    private static String stsEndpoint;
    private static String ssmEndpoint;
    private static String ssmGroup;
    private static String ec2Endpoint;
    private static String ecrDkrEndpoint;
    private static String s3Endpoint;
    private static String natGateway;
    private static String legacyTable;
    private static String isolatedTable;

    @BeforeAll
    static void topology() throws InterruptedException {
        BacklaneExtension.Account owner = backlane.newAccount();
        account = owner.id();
        ec2 = owner.ec2();
        vpc = ec2.createVpc(request -> request.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(request -> request.vpcId(vpc).enableDnsSupport(AttributeBooleanValue.builder().value(true).build()));
        ec2.modifyVpcAttribute(request -> request.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        // Each account names zones its own way: zone A is one every interface endpoint's service is offered in,
        // as this account names it; zone B is any other.
        String zoneA = EndpointZones.offeredByAll(ec2, STS, "com.amazonaws.us-east-1.ssm", "com.amazonaws.us-east-1.ec2",
                "com.amazonaws.us-east-1.ecr.dkr").get(0);
        String zoneB = ec2.describeAvailabilityZones().availabilityZones().stream().map(zone -> zone.zoneName())
                .filter(zone -> !zone.equals(zoneA)).sorted().findFirst().orElseThrow();
        String publicSubnet = subnet("10.30.0.0/24", zoneA);
        String subnetA = subnet("10.30.1.0/24", zoneA);
        String subnetB = subnet("10.30.2.0/24", zoneB);
        String legacySubnet = subnet("10.30.3.0/24", zoneA);
        String isolatedSubnet = subnet("10.30.4.0/24", zoneA);

        String gateway = ec2.createInternetGateway(request -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(request -> request.internetGatewayId(gateway).vpcId(vpc));
        String publicTable = table(publicSubnet);
        ec2.createRoute(request -> request.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
        String allocation = ec2.allocateAddress(request -> request.domain("vpc")).allocationId();
        natGateway = ec2.createNatGateway(request -> request.subnetId(publicSubnet).allocationId(allocation)).natGateway().natGatewayId();
        String privateTable = table(subnetA);
        ec2.associateRouteTable(request -> request.routeTableId(privateTable).subnetId(subnetB));
        legacyTable = table(legacySubnet);
        isolatedTable = table(isolatedSubnet);

        String app = group("app");
        String endpointGroup = group("endpoints");
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(endpointGroup).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("10.30.0.0/16").build()).build()));
        ssmGroup = group("closed");

        stsEndpoint = interfaceEndpoint(STS, subnetA, endpointGroup, true);
        ssmEndpoint = interfaceEndpoint("com.amazonaws.us-east-1.ssm", subnetA, ssmGroup, true);
        ec2Endpoint = interfaceEndpoint("com.amazonaws.us-east-1.ec2", subnetA, endpointGroup, false);
        ecrDkrEndpoint = interfaceEndpoint("com.amazonaws.us-east-1.ecr.dkr", subnetA, endpointGroup, true);
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AllowAll", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
                  {"Sid": "DenyPut", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}
                """;
        s3Endpoint = ec2.createVpcEndpoint(request -> request.vpcId(vpc).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY)
                .routeTableIds(privateTable).policyDocument(policy)).vpcEndpoint().vpcEndpointId();

        workloadA = workload(subnetA, app);
        workloadB = workload(subnetB, app);
        legacyWorkload = workload(legacySubnet, app);
        // NAT gateways and interface endpoints become available after their provisioning time.
        Thread.sleep(1_500);
        for (String table : List.of(privateTable, legacyTable)) {
            ec2.createRoute(request -> request.routeTableId(table).destinationCidrBlock("0.0.0.0/0").natGatewayId(natGateway));
        }
    }

    @Test
    void workloadInTheEndpointsZoneReachesStsPrivately() throws Exception {
        JsonNode path = explain("--from", workloadA, "--to", STS + ":443");
        assertEquals("PRIVATE", path.get("verdict").asText());
        assertEquals(stsEndpoint, path.get("via").asText());
        assertEquals(List.of(), codes(path));
        assertTrue(hopTypes(path).containsAll(List.of("dns", "security-group", "vpc-endpoint", "aws-service")), hopTypes(path).toString());
    }

    @Test
    void workloadInAnotherZoneReachesStsPrivatelyAcrossZones() throws Exception {
        JsonNode path = explain("--from", workloadB, "--to", "sts.us-east-1.amazonaws.com:443");
        assertEquals("PRIVATE", path.get("verdict").asText());
        assertEquals(stsEndpoint, path.get("via").asText());
        assertEquals(List.of("AVAILABILITY_ZONE_CROSSED"), codes(path));
        assertEquals(stsEndpoint, path.get("explanations").get(0).get("component").asText());
    }

    @Test
    void endpointGroupWithoutHttpsIngressBlocks() throws Exception {
        JsonNode path = explain("--from", workloadA, "--to", "com.amazonaws.us-east-1.ssm:443");
        assertEquals("BLOCKED", path.get("verdict").asText());
        assertTrue(path.get("via").isNull());
        assertEquals("ENI_SG_RULES_MISMATCH", lastCode(path));
        assertEquals(ssmGroup, last(path).get("component").asText());
    }

    @Test
    void privateDnsOffResolvesPubliclyAndLeavesThroughTheNatGateway() throws Exception {
        JsonNode path = explain("--from", workloadA, "--to", "com.amazonaws.us-east-1.ec2:443");
        assertEquals("PUBLIC", path.get("verdict").asText());
        assertEquals(natGateway, path.get("via").asText());
        assertEquals(List.of("PRIVATE_DNS_DISABLED"), codes(path));
        assertEquals(ec2Endpoint, path.get("explanations").get(0).get("component").asText());
    }

    @Test
    void s3TakesTheGatewayEndpointOnlyWhereItsRouteTableHasIt() throws Exception {
        JsonNode routed = explain("--from", workloadA, "--to", S3 + ":443");
        assertEquals("PRIVATE", routed.get("verdict").asText());
        assertEquals(s3Endpoint, routed.get("via").asText());
        JsonNode legacy = explain("--from", legacyWorkload, "--to", S3 + ":443");
        assertEquals("PUBLIC", legacy.get("verdict").asText());
        assertEquals(natGateway, legacy.get("via").asText());
    }

    @Test
    void otherServicesLeaveThroughTheNatGatewayNotTheS3GatewayEndpoint() throws Exception {
        for (String name : List.of("sqs.us-east-1.amazonaws.com", "kms.us-east-1.amazonaws.com", "api.ecr.us-east-1.amazonaws.com",
                "kinesis.us-east-1.amazonaws.com", "firehose.us-east-1.amazonaws.com", "iam.amazonaws.com")) {
            JsonNode path = explain("--from", workloadA, "--to", name + ":443");
            assertEquals("PUBLIC", path.get("verdict").asText(), name);
            assertEquals(natGateway, path.get("via").asText(), name);
        }
    }

    @Test
    void everyNameInAnEndpointsDnsEntriesResolvesToIt() throws Exception {
        List<DnsEntry> entries = ec2.describeVpcEndpoints(request -> request.vpcEndpointIds(ecrDkrEndpoint)).vpcEndpoints().get(0).dnsEntries();
        assertTrue(entries.stream().anyMatch(entry -> entry.dnsName().equals("*.dkr.ecr.us-east-1.amazonaws.com")), entries.toString());
        for (DnsEntry entry : entries) {
            String name = entry.dnsName().replace("*", account);
            JsonNode path = explain("--from", workloadA, "--to", name + ":443");
            assertEquals("PRIVATE", path.get("verdict").asText(), name);
            assertEquals(ecrDkrEndpoint, path.get("via").asText(), name);
        }
    }

    @Test
    void namesAwsDoesNotServeDoNotResolve() throws Exception {
        JsonNode path = explain("--from", workloadA, "--to", "foo.us-east-1.amazonaws.com:443");
        assertEquals("BLOCKED", path.get("verdict").asText());
        assertEquals(List.of("DESTINATION_NOT_RESOLVED"), codes(path));
    }

    @Test
    void auditReportsTheNatPathAndTheTableWithoutTheGatewayEndpoint() throws Exception {
        Result result = run("audit", "--endpoint-url", backlane.endpoint(), "--account", account, "--region", "us-east-1", "--json");
        assertEquals(1, result.exitCode(), "F6 is an error, which fails the audit by default: " + result.err());
        JsonNode ours = null;
        for (JsonNode candidate : JSON.readTree(result.out()).get("vpcs")) {
            if (candidate.get("vpcId").asText().equals(vpc)) {
                ours = candidate;
            }
        }
        assertTrue(ours != null, result.out());
        boolean f5 = false;
        boolean f6 = false;
        for (JsonNode finding : ours.get("findings")) {
            List<String> resources = new ArrayList<>();
            finding.get("resources").forEach(resource -> resources.add(resource.asText()));
            if (finding.get("mode").asText().equals("F5") && resources.contains(legacyTable) && finding.get("detail").asText().startsWith("s3 ")) {
                f5 = true;
                assertEquals("info", finding.get("severity").asText());
                assertTrue(resources.contains(natGateway), resources.toString());
                assertTrue(finding.get("detail").asText().contains(s3Endpoint), finding.toString());
            }
            if (finding.get("mode").asText().equals("F6") && resources.contains(isolatedTable)) {
                f6 = true;
                assertEquals("error", finding.get("severity").asText());
                assertEquals(s3Endpoint, resources.get(0));
            }
        }
        assertTrue(f5, "F5 for " + legacyTable + " in " + ours);
        assertTrue(f6, "F6 for " + isolatedTable + " in " + ours);
    }

    @Test
    void endpointPolicyDenyingPutObjectBlocksItAndNamesTheStatement() throws Exception {
        String principal = "arn:aws:iam::" + account + ":role/app";
        JsonNode put = explain("--from", workloadA, "--to", S3 + ":443", "--principal", principal, "--action", "s3:PutObject",
                "--resource", "arn:aws:s3:::reports/2024/01.csv");
        assertEquals("BLOCKED", put.get("verdict").asText());
        assertEquals("ENDPOINT_POLICY_DENIES", lastCode(put));
        assertEquals(s3Endpoint, last(put).get("component").asText());
        assertTrue(last(put).get("detail").asText().contains("DenyPut"), last(put).toString());
        JsonNode get = explain("--from", workloadA, "--to", S3 + ":443", "--principal", principal, "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::reports/2024/01.csv");
        assertEquals("PRIVATE", get.get("verdict").asText());
        assertEquals(s3Endpoint, get.get("via").asText());
    }

    @Test
    void humanOutputNamesTheEndpointAndTheDecidingRule() {
        Result result = run("explain", "--from", workloadA, "--to", STS, "--endpoint-url", backlane.endpoint());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("PRIVATE via " + stsEndpoint + "  " + workloadA + " -> " + STS), result.out());
        assertTrue(result.out().contains("ingress sgr-"), result.out());
    }

    @Test
    void networkInsightsFindsThePrivatePathToTheInterfaceEndpoint() {
        NetworkInsightsAnalysis analysis = analyse(workloadA, stsEndpoint);
        assertTrue(analysis.networkPathFound());
        assertTrue(analysis.forwardPathComponents().stream().anyMatch(component -> component.component().id().equals(stsEndpoint)));
        assertTrue(analysis.explanations().isEmpty(), analysis.explanations().toString());
    }

    @Test
    void networkInsightsReportsTheZoneCrossing() {
        NetworkInsightsAnalysis analysis = analyse(workloadB, stsEndpoint);
        assertTrue(analysis.networkPathFound());
        assertEquals(List.of("AVAILABILITY_ZONE_CROSSED"), analysis.explanations().stream().map(Explanation::explanationCode).toList());
    }

    @Test
    void networkInsightsExplainsTheEndpointGroupThatBlocks() {
        NetworkInsightsAnalysis analysis = analyse(workloadA, ssmEndpoint);
        assertFalse(analysis.networkPathFound());
        Explanation explanation = analysis.explanations().get(analysis.explanations().size() - 1);
        assertEquals("ENI_SG_RULES_MISMATCH", explanation.explanationCode());
        assertEquals(ssmGroup, explanation.securityGroup().id());
    }

    @Test
    void networkInsightsFollowsTheGatewayEndpointOrTheNatGateway() {
        NetworkInsightsAnalysis routed = analyse(workloadA, s3Endpoint);
        assertTrue(routed.networkPathFound());
        assertTrue(routed.forwardPathComponents().stream().anyMatch(component -> component.routeTableRoute() != null
                && s3Endpoint.equals(component.routeTableRoute().gatewayId())));
        NetworkInsightsAnalysis legacy = analyse(legacyWorkload, s3Endpoint);
        assertTrue(legacy.networkPathFound());
        assertTrue(legacy.forwardPathComponents().stream().anyMatch(component -> component.component().id().equals(natGateway)));
        // The destination names the gateway endpoint, but the legacy table's route for S3's addresses is the NAT's 0.0.0.0/0.
        assertTrue(legacy.forwardPathComponents().stream().anyMatch(component -> component.routeTableRoute() != null
                && natGateway.equals(component.routeTableRoute().natGatewayId())));
        assertTrue(legacy.forwardPathComponents().stream().noneMatch(component -> component.routeTableRoute() != null
                && s3Endpoint.equals(component.routeTableRoute().gatewayId())));
    }

    private static NetworkInsightsAnalysis analyse(String source, String destination) {
        String path = ec2.createNetworkInsightsPath(request -> request.source(source).destination(destination).protocol(Protocol.TCP)
                .destinationPort(443)).networkInsightsPath().networkInsightsPathId();
        NetworkInsightsAnalysis analysis = ec2.startNetworkInsightsAnalysis(request -> request.networkInsightsPathId(path))
                .networkInsightsAnalysis();
        assertEquals("succeeded", analysis.statusAsString(), analysis.statusMessage());
        return analysis;
    }

    private static String subnet(String cidr, String zone) {
        return ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock(cidr).availabilityZone(zone)).subnet().subnetId();
    }

    private static String table(String subnet) {
        String table = ec2.createRouteTable(request -> request.vpcId(vpc)).routeTable().routeTableId();
        ec2.associateRouteTable(request -> request.routeTableId(table).subnetId(subnet));
        return table;
    }

    private static String group(String name) {
        return ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName(name).description(name)).groupId();
    }

    private static String interfaceEndpoint(String service, String subnet, String group, boolean privateDns) {
        return ec2.createVpcEndpoint(request -> request.vpcId(vpc).serviceName(service).vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(subnet).securityGroupIds(group).privateDnsEnabled(privateDns)).vpcEndpoint().vpcEndpointId();
    }

    private static String workload(String subnet, String group) {
        return ec2.createNetworkInterface(request -> request.subnetId(subnet).groups(group)).networkInterface().networkInterfaceId();
    }

    private static JsonNode explain(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(arguments));
        all.addAll(List.of("--endpoint-url", backlane.endpoint(), "--json"));
        Result result = run(all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        return JSON.readTree(result.out());
    }

    private static List<String> codes(JsonNode path) {
        List<String> codes = new ArrayList<>();
        path.get("explanations").forEach(explanation -> codes.add(explanation.get("code").asText()));
        return codes;
    }

    private static JsonNode last(JsonNode path) {
        return path.get("explanations").get(path.get("explanations").size() - 1);
    }

    private static String lastCode(JsonNode path) {
        return last(path).get("code").asText();
    }

    private static List<String> hopTypes(JsonNode path) {
        List<String> types = new ArrayList<>();
        path.get("hops").forEach(hop -> types.add(hop.get("type").asText()));
        return types;
    }

    private static Result run(String... arguments) {
        return BacklaneCli.run(arguments);
    }
}
