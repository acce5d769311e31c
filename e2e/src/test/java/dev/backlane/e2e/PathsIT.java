package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.cli.BacklaneCommand;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.PathComponent;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Builds a two-tier topology through the EC2 API (a public subnet with an internet gateway and a NAT
 * gateway, a private subnet for workloads, a database interface) and explains paths through
 * {@code backlane explain --endpoint-url} and through the Network Insights API.
 */
class PathsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BacklaneServer server;
    private static Ec2Client ec2;
    private static String workload;
    private static String database;
    private static String databaseAddress;
    private static String natGateway;

    @BeforeAll
    static void topology() throws InterruptedException {
        server = BacklaneServer.start(ServerConfig.forTests().withPort(0));
        ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String vpc = ec2.createVpc(request -> request.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String publicSubnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.20.0.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String privateSubnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a"))
                .subnet().subnetId();
        String dataSubnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1b"))
                .subnet().subnetId();
        String gateway = ec2.createInternetGateway(request -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(request -> request.internetGatewayId(gateway).vpcId(vpc));
        String publicTable = ec2.createRouteTable(request -> request.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(request -> request.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(gateway));
        ec2.associateRouteTable(request -> request.routeTableId(publicTable).subnetId(publicSubnet));
        String allocation = ec2.allocateAddress(request -> request.domain("vpc")).allocationId();
        natGateway = ec2.createNatGateway(request -> request.subnetId(publicSubnet).allocationId(allocation)).natGateway().natGatewayId();
        Thread.sleep(1_200);
        String privateTable = ec2.createRouteTable(request -> request.vpcId(vpc)).routeTable().routeTableId();
        ec2.createRoute(request -> request.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(natGateway));
        ec2.associateRouteTable(request -> request.routeTableId(privateTable).subnetId(privateSubnet));
        String app = ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName("app").description("app")).groupId();
        String db = ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName("db").description("db")).groupId();
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(db).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(5432).toPort(5432).userIdGroupPairs(UserIdGroupPair.builder().groupId(app).build()).build()));
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(app).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("10.20.0.0/16").build()).build()));
        workload = ec2.createNetworkInterface(request -> request.subnetId(privateSubnet).groups(app)).networkInterface().networkInterfaceId();
        var dbInterface = ec2.createNetworkInterface(request -> request.subnetId(dataSubnet).groups(db)).networkInterface();
        database = dbInterface.networkInterfaceId();
        databaseAddress = dbInterface.privateIpAddress();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    @Test
    void explainShowsThePublicPathThroughTheNatGateway() throws Exception {
        JsonNode result = explainJson("--from", workload, "--to", "com.amazonaws.us-east-1.s3:443");
        assertEquals("PUBLIC", result.get("verdict").asText());
        assertEquals(natGateway, result.get("via").asText());
        assertTrue(hopTypes(result).containsAll(List.of("network-interface", "dns", "security-group", "route-table", "natgateway",
                "internet-gateway", "aws-service")), hopTypes(result).toString());
    }

    @Test
    void explainPrintsTheDecidingRuleForPeople() {
        Result result = run("--from", workload, "--to", databaseAddress + ":5432");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("PRIVATE  " + workload + " -> " + databaseAddress + ":5432"), result.out());
        assertTrue(result.out().contains("ingress sgr-"), result.out());
    }

    @Test
    void explainReportsTheBlockingSecurityGroup() throws Exception {
        JsonNode result = explainJson("--from", workload, "--to", databaseAddress + ":3306");
        assertEquals("BLOCKED", result.get("verdict").asText());
        assertTrue(result.get("via").isNull());
        assertEquals("ENI_SG_RULES_MISMATCH", result.get("explanations").get(0).get("code").asText());
    }

    @Test
    void batchesGiveOneLinePerQueryAndGoOnAfterABadOne(@TempDir Path directory) throws Exception {
        Path queries = directory.resolve("queries.jsonl");
        Files.writeString(queries, String.join("\n",
                "{\"from\": \"" + workload + "\", \"to\": \"" + databaseAddress + "\", \"port\": 5432}",
                "not json",
                "{\"from\": \"eni-0000000000000dead\", \"to\": \"s3.us-east-1.amazonaws.com\"}",
                "{\"from\": \"" + workload + "\", \"to\": \"s3.us-east-1.amazonaws.com\", \"protocol\": \"tcp\"}") + "\n");
        Result result = run("--queries", queries.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.out());
        assertEquals("PRIVATE", JSON.readTree(lines.get(0)).get("verdict").asText());
        assertTrue(JSON.readTree(lines.get(1)).has("error"));
        assertTrue(JSON.readTree(lines.get(2)).get("error").asText().startsWith("InvalidNetworkInterfaceID.NotFound"), lines.get(2));
        assertEquals("PUBLIC", JSON.readTree(lines.get(3)).get("verdict").asText());
        assertEquals(1, result.exitCode());
    }

    @Test
    void networkInsightsAnalysisFindsThePathAndNamesTheRules() {
        String path = ec2.createNetworkInsightsPath(request -> request.source(workload).destination(database).protocol(Protocol.TCP)
                .destinationPort(5432)).networkInsightsPath().networkInsightsPathId();
        assertTrue(path.startsWith("nip-"));
        NetworkInsightsAnalysis analysis = ec2.startNetworkInsightsAnalysis(request -> request.networkInsightsPathId(path))
                .networkInsightsAnalysis();
        assertTrue(analysis.networkInsightsAnalysisId().startsWith("nia-"));
        assertEquals("succeeded", analysis.statusAsString());
        assertTrue(analysis.networkPathFound());
        List<PathComponent> forward = analysis.forwardPathComponents();
        assertEquals(1, forward.get(0).sequenceNumber());
        assertTrue(forward.stream().anyMatch(component -> component.routeTableRoute() != null
                && "local".equals(component.routeTableRoute().gatewayId())));
        assertTrue(forward.stream().anyMatch(component -> component.securityGroupRule() != null
                && "ingress".equals(component.securityGroupRule().direction())));
        assertTrue(forward.stream().anyMatch(component -> component.aclRule() != null && component.aclRule().ruleNumber() == 100));
        assertFalse(analysis.returnPathComponents().isEmpty());
        var described = ec2.describeNetworkInsightsAnalyses(request -> request.networkInsightsPathId(path)).networkInsightsAnalyses();
        assertEquals(List.of(analysis.networkInsightsAnalysisId()), described.stream().map(NetworkInsightsAnalysis::networkInsightsAnalysisId).toList());
        ec2.deleteNetworkInsightsAnalysis(request -> request.networkInsightsAnalysisId(analysis.networkInsightsAnalysisId()));
        ec2.deleteNetworkInsightsPath(request -> request.networkInsightsPathId(path));
        assertTrue(ec2.describeNetworkInsightsPaths(request -> { }).networkInsightsPaths().stream()
                .noneMatch(candidate -> candidate.networkInsightsPathId().equals(path)));
    }

    @Test
    void networkInsightsAnalysisExplainsABlockedPath() {
        String path = ec2.createNetworkInsightsPath(request -> request.source(workload).destination(database).protocol(Protocol.TCP)
                .destinationPort(22)).networkInsightsPath().networkInsightsPathId();
        NetworkInsightsAnalysis analysis = ec2.startNetworkInsightsAnalysis(request -> request.networkInsightsPathId(path))
                .networkInsightsAnalysis();
        assertFalse(analysis.networkPathFound());
        Explanation explanation = analysis.explanations().get(0);
        assertEquals("ENI_SG_RULES_MISMATCH", explanation.explanationCode());
        assertTrue(explanation.securityGroup().id().startsWith("sg-"));
    }

    private JsonNode explainJson(String... arguments) throws Exception {
        String[] all = new String[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--json";
        Result result = run(all);
        assertEquals(0, result.exitCode(), result.err());
        return JSON.readTree(result.out());
    }

    private static List<String> hopTypes(JsonNode result) {
        return java.util.stream.StreamSupport.stream(result.get("hops").spliterator(), false).map(hop -> hop.get("type").asText()).toList();
    }

    private record Result(int exitCode, String out, String err) {}

    private Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] all = new String[arguments.length + 3];
        all[0] = "explain";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        all[arguments.length + 1] = "--endpoint-url";
        all[arguments.length + 2] = server.endpoint();
        int exit = command.execute(all);
        return new Result(exit, out.toString(), err.toString());
    }
}
