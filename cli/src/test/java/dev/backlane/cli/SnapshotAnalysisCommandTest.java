package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backlane explain --snapshot}, {@code backlane audit --snapshot} and {@code backlane cost --snapshot} end to
 * end, in this process and without a server, on the account snapshots of core's test resources. Expected answers
 * follow from the snapshots' routes, groups and ACLs (see core's {@code FixturePathTest} for the reasoning), and the
 * costs from the prices of core's {@code prices.json} (us-east-1 and us-east-2 alike).
 */
class SnapshotAnalysisCommandTest {
    private static final Path SNAPSHOTS = Path.of("..", "core", "src", "test", "resources", "dev", "backlane", "core", "snapshot", "aws-snapshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void explainPrintsThePublicPathThroughTheNatGatewayAsJson() throws Exception {
        Result result = run("explain", "--snapshot", snapshot("nat-gateway"), "--from", "i-0a128d26e59be60f3", "--to", "8.8.8.8:443", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode path = JSON.readTree(result.out());
        assertEquals("PUBLIC", path.get("verdict").asText());
        assertEquals("nat-07ab4846da51f4612", path.get("via").asText());
        assertEquals(List.of("instance", "network-interface", "security-group", "network-acl", "route-table", "natgateway", "network-acl",
                "route-table", "network-acl", "internet-gateway"), hopTypes(path).subList(0, 10));
        assertTrue(path.get("explanations").isEmpty(), path.toString());
    }

    @Test
    void explainPrintsThePeeringPathForPeopleWithTheDecidingRule() {
        Result result = run("explain", "--snapshot", snapshot("vpc-peering"), "--from", "i-06ba034d88c84ef07", "--to", "192.168.2.229:22");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("PRIVATE via pcx-0d5b836985ac8ca8c  i-06ba034d88c84ef07 -> 192.168.2.229:22"), result.out());
        assertTrue(result.out().contains("vpc-peering-connection"), result.out());
        assertTrue(result.out().contains("ingress sgr-"), result.out());
        assertTrue(result.out().contains("reply:"), result.out());
    }

    @Test
    void explainNamesTheBlockingGroupOfTheInterfaceEndpoint() throws Exception {
        Result result = run("explain", "--snapshot", snapshot("vpc-endpoint-interface"), "--from", "i-0eb6eb395a0d09117",
                "--to", "com.amazonaws.us-east-1.cloudtrail:80", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode path = JSON.readTree(result.out());
        assertEquals("BLOCKED", path.get("verdict").asText());
        assertTrue(path.get("via").isNull());
        JsonNode last = path.get("explanations").get(path.get("explanations").size() - 1);
        assertEquals("ENI_SG_RULES_MISMATCH", last.get("code").asText());
        assertEquals("sg-0973207c61f3466e1", last.get("component").asText());
    }

    @Test
    void explainPrintsTheBlockingExplanationForPeople() {
        Result result = run("explain", "--snapshot", snapshot("public-private-subnet"), "--from", "i-099cf38911942421c",
                "--to", "com.amazonaws.us-east-2.s3");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("BLOCKED  i-099cf38911942421c -> com.amazonaws.us-east-2.s3"), result.out());
        assertTrue(result.out().contains("ROUTE_TARGET_NOT_ANALYZED"), result.out());
        assertTrue(result.out().contains("vgw-070087240d6fa2989"), result.out());
    }

    @Test
    void explainBatchesOnASnapshotGiveOneLineEachInOrder(@TempDir Path directory) throws Exception {
        Path queries = directory.resolve("queries.jsonl");
        Files.writeString(queries, String.join("\n",
                "{\"from\": \"i-01c6c0647fdccc89e\", \"to\": \"com.amazonaws.us-east-1.s3\", \"port\": 443}",
                "{\"from\": \"i-01c6c0647fdccc89e\", \"to\": \"8.8.8.8\", \"port\": 443}",
                "{\"from\": \"i-0464d440ca0ee9e34\", \"to\": \"8.8.8.8\", \"port\": 443, \"protocol\": \"tcp\"}") + "\n");
        Result result = run("explain", "--snapshot", snapshot("vpc-endpoint-gateway"), "--queries", queries.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result.out());
        JsonNode s3 = JSON.readTree(lines.get(0));
        assertEquals("PRIVATE", s3.get("verdict").asText());
        assertEquals("vpce-0b7357542bb7b83ec", s3.get("via").asText());
        JsonNode noRoute = JSON.readTree(lines.get(1));
        assertEquals("BLOCKED", noRoute.get("verdict").asText());
        assertEquals("NO_ROUTE_TO_DESTINATION", noRoute.get("explanations").get(0).get("code").asText());
        assertEquals("igw-0c8afe4471084ccba", JSON.readTree(lines.get(2)).get("via").asText());
    }

    /*
     * nat-gateway: rtb-02fe228b42de92a7c sends 0.0.0.0/0 (so S3's and DynamoDB's public ranges) to
     * nat-07ab4846da51f4612 and the VPC has no gateway endpoint: F5 for each of the two services.
     */
    @Test
    void auditOfASnapshotReportsS3AndDynamoDbLeavingThroughTheNatGateway() throws Exception {
        Result result = run("audit", "--snapshot", snapshot("nat-gateway"), "--json");
        assertEquals(0, result.exitCode(), "F5 is cost advice (info), below the default --fail-on error: " + result.err());
        assertTrue(result.out().endsWith("}\n"), result.out());
        JsonNode vpcs = JSON.readTree(result.out()).get("vpcs");
        assertEquals(1, vpcs.size(), result.out());
        assertEquals("vpc-0008a7b45e3ddf1dd", vpcs.get(0).get("vpcId").asText());
        assertEquals("us-east-2", vpcs.get(0).get("region").asText());
        List<String> modes = new ArrayList<>();
        for (JsonNode finding : vpcs.get(0).get("findings")) {
            modes.add(finding.get("mode").asText());
            assertEquals("info", finding.get("severity").asText());
            List<String> resources = new ArrayList<>();
            finding.get("resources").forEach(resource -> resources.add(resource.asText()));
            assertEquals(List.of("rtb-02fe228b42de92a7c", "nat-07ab4846da51f4612", "subnet-06f469bcee42e408e"), resources);
        }
        assertEquals(List.of("F5", "F5"), modes);
        assertEquals(1, run("audit", "--snapshot", snapshot("nat-gateway"), "--fail-on", "info").exitCode());
        assertEquals(0, run("audit", "--snapshot", snapshot("nat-gateway"), "--fail-on", "warning").exitCode());
    }

    /* vpc-endpoint-interface: the CloudTrail endpoint has one subnet, in us-east-1a, where all the VPC's subnets are: only HA. */
    @Test
    void auditOfASnapshotPrintsTheSingleZoneEndpointForPeople() {
        Result result = run("audit", "--snapshot", snapshot("vpc-endpoint-interface"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("vpc-072d45b801aeffef2 (554773406868/us-east-1)"), result.out());
        assertTrue(result.out().contains("  HA  warning  vpce-083c683a6be29b889 has interfaces only in us-east-1a"), result.out());
        assertEquals(1, run("audit", "--snapshot", snapshot("vpc-endpoint-interface"), "--fail-on", "warning").exitCode());
        assertTrue(result.out().contains("vpce-083c683a6be29b889"), result.out());
        assertTrue(!result.out().contains("  F"), result.out());
    }

    /* vpc-endpoint-gateway: both subnets' tables route S3 to the gateway endpoint; nothing routes through a NAT gateway. */
    @Test
    void auditOfASnapshotWithoutFailureModesSaysSo() {
        Result result = run("audit", "--snapshot", snapshot("vpc-endpoint-gateway"));
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("No failure modes found.", result.out().strip());
    }

    @Test
    void auditOfAMissingSnapshotFails(@TempDir Path directory) {
        Result result = run("audit", "--snapshot", directory.resolve("absent").toString());
        assertEquals(2, result.exitCode());
        assertEquals("backlane audit: the snapshot " + directory.resolve("absent") + " does not exist", result.err().strip());
    }

    @Test
    void aSnapshotDirectoryWithoutJsonSaysWhatItExpected(@TempDir Path directory) {
        Result result = run("explain", "--snapshot", directory.toString(), "--from", "i-1", "--to", "8.8.8.8");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("backlane explain: the snapshot " + directory + " holds no JSON file: expected the output of aws ec2 "
                + "describe-*"), result.err());
    }

    @Test
    void auditTakesAtMostOneOfSnapshotAndEndpoint() {
        Result both = run("audit", "--snapshot", snapshot("nat-gateway"), "--endpoint-url", "http://localhost:1");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("backlane audit: Error: --endpoint-url=URL, --snapshot=DIR are mutually exclusive"), both.err());
    }

    @Test
    void auditPrincipalWithoutIdentityPolicySaysWhatItNeeds() {
        Result result = run("audit", "--snapshot", snapshot("vpc-endpoint-gateway"), "--principal", "arn:aws:iam::111122223333:role/app");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("backlane audit: --principal needs --identity-policy FILE"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void explainExpectFailsOnlyWhenTheVerdictDiffers() {
        String[] query = {"explain", "--snapshot", snapshot("nat-gateway"), "--from", "i-0a128d26e59be60f3", "--to", "8.8.8.8:443"};
        Result met = run(concat(query, "--expect", "PUBLIC"));
        assertEquals(0, met.exitCode(), met.err());
        Result differs = run(concat(query, "--expect", "private"));
        assertEquals(1, differs.exitCode());
        assertTrue(differs.out().startsWith("PUBLIC via nat-07ab4846da51f4612"), "the path is still printed: " + differs.out());
        assertEquals("backlane explain: expected PRIVATE but i-0a128d26e59be60f3 -> 8.8.8.8:443 is PUBLIC via nat-07ab4846da51f4612",
                differs.err().strip());
        assertEquals(2, run(concat(query, "--expect", "SOMEWHERE")).exitCode());
    }

    @Test
    void explainBatchLinesRepeatTheirQueryAndExpectAppliesToEach(@TempDir Path directory) throws Exception {
        Path queries = directory.resolve("queries.jsonl");
        Files.writeString(queries, String.join("\n",
                "{\"from\": \"i-01c6c0647fdccc89e\", \"to\": \"com.amazonaws.us-east-1.s3\", \"port\": 443}",
                "{\"from\": \"i-01c6c0647fdccc89e\", \"to\": \"8.8.8.8\"}",
                "{oops",
                "{\"from\": \"i-0000000000000dead\", \"to\": \"8.8.8.8\"}") + "\n");
        Result result = run("explain", "--snapshot", snapshot("vpc-endpoint-gateway"), "--queries", queries.toString(), "--expect", "PRIVATE");
        assertEquals(1, result.exitCode());
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.out());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("i-01c6c0647fdccc89e", first.get("from").asText());
        assertEquals("com.amazonaws.us-east-1.s3", first.get("to").asText());
        assertEquals(443, first.get("port").asInt());
        assertEquals("PRIVATE", first.get("verdict").asText());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("8.8.8.8", second.get("to").asText());
        assertEquals("BLOCKED", second.get("verdict").asText());
        assertTrue(JSON.readTree(lines.get(2)).get("error").asText().startsWith("the line is not JSON"), lines.get(2));
        JsonNode unknown = JSON.readTree(lines.get(3));
        assertEquals("i-0000000000000dead", unknown.get("from").asText());
        assertTrue(unknown.has("error"), lines.get(3));
        List<String> errors = result.err().lines().toList();
        assertEquals(3, errors.size(), result.err());
        assertEquals("backlane explain: line 2: expected PRIVATE but i-01c6c0647fdccc89e -> 8.8.8.8 is BLOCKED", errors.get(0));
        assertTrue(errors.get(1).startsWith("backlane explain: line 3: the line is not JSON"), errors.get(1));
        assertTrue(errors.get(2).startsWith("backlane explain: line 4: "), errors.get(2));
    }

    @Test
    void accountWithoutRegionIsAUsageError() {
        Result explain = run("explain", "--snapshot", snapshot("nat-gateway"), "--account", "554773406868", "--from", "i-0a128d26e59be60f3",
                "--to", "8.8.8.8");
        assertEquals(2, explain.exitCode());
        assertTrue(explain.err().startsWith("backlane explain: --account and --region go together"), explain.err());
        assertEquals(2, run("audit", "--snapshot", snapshot("nat-gateway"), "--region", "us-east-2").exitCode());
    }

    @Test
    void anInvalidIdentityPolicyIsNamedByItsFile(@TempDir Path directory) throws Exception {
        Path policy = directory.resolve("identity.json");
        Files.writeString(policy, "");
        Result explain = run("explain", "--snapshot", snapshot("vpc-endpoint-gateway"), "--from", "i-01c6c0647fdccc89e", "--to",
                "com.amazonaws.us-east-1.s3", "--principal", "arn:aws:iam::554773406868:role/app", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::bucket/key", "--identity-policy", policy.toString());
        assertEquals(1, explain.exitCode());
        assertTrue(explain.err().startsWith("backlane explain: the identity policy " + policy + " is not valid: "), explain.err());
        Result audit = run("audit", "--snapshot", snapshot("vpc-endpoint-gateway"), "--identity-policy", policy.toString());
        assertEquals(1, audit.exitCode());
        assertTrue(audit.err().startsWith("backlane audit: the identity policy " + policy + " is not valid: "), audit.err());
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /*
     * nat-gateway (us-east-2): nat-07ab4846da51f4612 in us-east-2b; only subnet-06f469bcee42e408e, also in us-east-2b,
     * routes to it, so none of its traffic crosses zones. 730 h x $0.045 = 32.85; 1,200 GB x $0.045 = 54.00.
     */
    @Test
    void costOfASnapshotPricesTheAssumedTrafficOfTheNatGatewayAndItsSameZoneSubnetCrossesNothing() throws Exception {
        Result result = run("cost", "--snapshot", snapshot("nat-gateway"), "--gb", "nat-07ab4846da51f4612:s3=1000", "--gb",
                "nat-07ab4846da51f4612:other=200", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode scope = JSON.readTree(result.out()).get("scopes").get(0);
        assertEquals("us-east-2", scope.get("pricedAs").asText());
        assertEquals(1, scope.get("components").size(), "no cross-AZ line: " + scope);
        JsonNode nat = scope.get("components").get(0);
        assertEquals("nat-gateway", nat.get("kind").asText());
        assertMoney("32.85", nat.get("hourly"));
        assertMoney("54.00", nat.get("data"));
        assertMoney("86.85", nat.get("total"));
        assertMoney("0.0724", nat.get("costPerGb"));
        assertMoney("86.85", scope.get("vpcs").get(0).get("total"));
        JsonNode whatIf = scope.get("whatIfs").get(0);
        assertEquals("gateway-endpoint-instead-of-nat", whatIf.get("kind").asText());
        assertMoney("45.00", whatIf.get("monthlySaving"));
    }

    /*
     * The nat-gateway snapshot with subnet-02ff259e663e9613e (its interface and instance) in us-east-2a and the main
     * route table sending 0.0.0.0/0 to the NAT: two subnets route to it, one from another zone, so half of the assumed
     * 1,000 GB cross zones: 500 GB x ($0.01 out + $0.01 in) = 10.00 on top of the NAT's 32.85 + 45.00.
     */
    @Test
    void costOfASnapshotCountsTheCrossZoneShareOfTheNatGatewaysTrafficFromSubnetsInAnotherZone(@TempDir Path directory) throws Exception {
        Path copy = directory.resolve("nat-gateway");
        Path configs = copy.resolve("aws_configs");
        Files.createDirectories(configs);
        try (var files = Files.list(Path.of(snapshot("nat-gateway")).resolve("aws_configs"))) {
            for (Path file : files.toList()) {
                Files.copy(file, configs.resolve(file.getFileName()));
            }
        }
        edit(configs.resolve("Subnets.json"), root -> root.get("Subnets").forEach(subnet -> {
            if (subnet.get("SubnetId").asText().equals("subnet-02ff259e663e9613e")) {
                ((ObjectNode) subnet).put("AvailabilityZone", "us-east-2a").put("AvailabilityZoneId", "use2-az1");
            }
        }));
        edit(configs.resolve("NetworkInterfaces.json"), root -> root.get("NetworkInterfaces").forEach(eni -> {
            if (eni.get("SubnetId").asText().equals("subnet-02ff259e663e9613e")) {
                ((ObjectNode) eni).put("AvailabilityZone", "us-east-2a");
            }
        }));
        edit(configs.resolve("Reservations.json"), root -> root.get("Reservations").forEach(reservation -> reservation.get("Instances").forEach(instance -> {
            if (instance.get("SubnetId").asText().equals("subnet-02ff259e663e9613e")) {
                ((ObjectNode) instance.get("Placement")).put("AvailabilityZone", "us-east-2a");
            }
        })));
        edit(configs.resolve("RouteTables.json"), root -> root.get("RouteTables").forEach(table -> {
            if (table.get("RouteTableId").asText().equals("rtb-0e169c4a1e0b27b55")) {
                ((ArrayNode) table.get("Routes")).addObject().put("DestinationCidrBlock", "0.0.0.0/0").put("NatGatewayId", "nat-07ab4846da51f4612")
                        .put("Origin", "CreateRoute").put("State", "active");
            }
        }));

        Result result = run("cost", "--snapshot", copy.toString(), "--default-gb", "1000", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = JSON.readTree(result.out());
        JsonNode components = report.get("scopes").get(0).get("components");
        assertEquals(2, components.size(), components.toString());
        assertMoney("77.85", components.get(0).get("total"));
        JsonNode crossed = components.get(1);
        assertEquals("cross-az-data-transfer", crossed.get("kind").asText());
        assertEquals("nat-07ab4846da51f4612", crossed.get("id").asText());
        assertMoney("500.00", crossed.get("gbPerMonth"));
        assertMoney("10.00", crossed.get("total"));
        assertMoney("87.85", report.get("scopes").get(0).get("vpcs").get(0).get("total"));
        assertMoney("87.85", report.get("accounts").get(0).get("total"));

        Result table = run("cost", "--snapshot", copy.toString(), "--default-gb", "1000");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("cross-az-data-transfer"), table.out());
    }

    /*
     * vpc-endpoint-interface (us-east-1): the CloudTrail endpoint has one subnet: 730 h x $0.01 = 7.30, 100 GB x $0.01 = 1.00;
     * PrivateLink's cross-zone transfer is free, so no cross-AZ line.
     */
    @Test
    void costOfASnapshotPricesAnInterfaceEndpointPerZoneHourAndGbWithoutCrossZoneCharge() throws Exception {
        Result result = run("cost", "--snapshot", snapshot("vpc-endpoint-interface"), "--default-gb", "100", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode components = JSON.readTree(result.out()).get("scopes").get(0).get("components");
        assertEquals(1, components.size(), components.toString());
        JsonNode endpoint = components.get(0);
        assertEquals("vpce-083c683a6be29b889", endpoint.get("id").asText());
        assertEquals(1, endpoint.get("zones").asInt());
        assertMoney("7.30", endpoint.get("hourly"));
        assertMoney("1.00", endpoint.get("data"));
        assertMoney("0.083", endpoint.get("costPerGb"));
    }

    private static void assertMoney(String expected, JsonNode actual) {
        assertTrue(actual != null && actual.isNumber(), "not an amount: " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), expected + " != " + actual);
    }

    private static void edit(Path file, Consumer<JsonNode> change) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        change.accept(root);
        JSON.writeValue(file.toFile(), root);
    }

    private static String snapshot(String name) {
        return SNAPSHOTS.resolve(name).toString();
    }

    private static List<String> hopTypes(JsonNode path) {
        List<String> types = new ArrayList<>();
        path.get("hops").forEach(hop -> types.add(hop.get("type").asText()));
        return types;
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(arguments);
        return new Result(exit, out.toString(), err.toString());
    }
}
