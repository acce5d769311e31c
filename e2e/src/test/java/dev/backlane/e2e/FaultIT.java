package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Faults injected through {@code /_backlane/faults} as real clients meet them through a workload's gateway and the
 * VPC's DNS listener: F7 throttling in each service's own error (boto3 and the SDK for Java v2), gone once removed;
 * F4 an AccessDenied with an explicit deny in a VPC endpoint policy; F1 {@code dig} answering S3's public address
 * instead of the interface endpoint's; F2 a dropped call whose deciding rule {@code explain} names; and the
 * admin API's validation and time box.
 */
class FaultIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static final String BUCKET = "reports";
    private static final byte[] CONTENT = "quarterly figures".getBytes(StandardCharsets.UTF_8);
    private static final String ALLOW_ALL = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
            """;

    private static GatewayEvents gatewayEvents;
    private static final List<Event> faultEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void seed() {
        gatewayEvents = new GatewayEvents(backlane.server().events());
        backlane.server().events().subscribe(FaultStartedEvent.class, faultEvents::add);
        backlane.server().events().subscribe(FaultEndedEvent.class, faultEvents::add);
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket(BUCKET));
            direct.putObject(request -> request.bucket(BUCKET).key("q1.csv"), RequestBody.fromBytes(CONTENT));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void throttlingAnswersEachServiceInItsOwnWordsUntilTheFaultIsRemoved() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 71);
        network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        String workloadId = workload.path("workloadId").asText();
        JsonNode s3Fault = create(fault("F7").put("duration", "PT5M").set("scope", scope().put("workloadId", workloadId).put("service", "s3")), 201);
        JsonNode ec2Fault = create(fault("F7").set("scope", scope().put("account", network.account.id()).put("service", "ec2")), 201);
        String s3FaultId = s3Fault.path("faultId").asText();
        assertTrue(s3FaultId.matches("fault-[0-9a-f]{17}"), s3FaultId);
        assertEquals(100, s3Fault.path("parameters").path("percentage").asInt());
        assertEquals("active", s3Fault.path("state").asText());
        assertTrue(faultEvents.stream().anyMatch(event -> event instanceof FaultStartedEvent started && started.fault().id().equals(s3FaultId)));

        // boto3 with retries off: S3 says SlowDown (503), EC2 RequestLimitExceeded (503); STS is outside both scopes.
        String script = """
                import boto3, botocore, json, os
                def attempt(call):
                    try:
                        call()
                        return {"code": "ok"}
                    except botocore.exceptions.ClientError as e:
                        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
                url = os.environ["AWS_ENDPOINT_URL"]
                s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
                ec2 = boto3.client("ec2", endpoint_url=url, region_name="us-east-1")
                sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1")
                print(json.dumps({"s3": attempt(lambda: s3.get_object(Bucket="reports", Key="q1.csv")),
                                  "ec2": attempt(lambda: ec2.describe_vpcs()),
                                  "sts": attempt(lambda: sts.get_caller_identity())}))
                """;
        JsonNode throttled = WorkloadGatewayIT.boto3(workload, network.account.id(), script);
        assertEquals("SlowDown", throttled.path("s3").path("code").asText(), throttled.toString());
        assertEquals(503, throttled.path("s3").path("status").asInt());
        assertEquals("RequestLimitExceeded", throttled.path("ec2").path("code").asText(), throttled.toString());
        assertEquals("ok", throttled.path("sts").path("code").asText(), throttled.toString());
        int before = S3_UPSTREAM.received().size();

        // The SDK for Java v2 sees the same, and the gateway reports the call as answered by itself.
        URI gateway = URI.create(workload.path("endpointUrl").asText());
        try (S3Client s3 = WorkloadGatewayIT.s3(gateway, network.account.id()); Ec2Client ec2 = ec2(gateway, network.account.id())) {
            S3Exception[] slowDown = new S3Exception[1];
            GatewayRequestEvent event = gatewayEvents.judged(workloadId, () -> slowDown[0] = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv"))));
            assertEquals("SlowDown", slowDown[0].awsErrorDetails().errorCode());
            assertTrue(slowDown[0].isThrottlingException());
            assertEquals(GatewayRequestEvent.Outcome.RESPONDED, event.outcome());
            assertEquals(Verdict.PRIVATE, event.verdict().orElseThrow(), "the path is fine: the service throttles");
            assertEquals(before, S3_UPSTREAM.received().size(), "a throttled call never reaches S3");
            Ec2Exception limit = assertThrows(Ec2Exception.class, ec2::describeVpcs);
            assertEquals("RequestLimitExceeded", limit.awsErrorDetails().errorCode());

            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + s3FaultId, null).statusCode());
            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + ec2Fault.path("faultId").asText(), null)
                    .statusCode());
            assertArrayEquals(CONTENT, s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv")).asByteArray());
            assertFalse(ec2.describeVpcs().vpcs().isEmpty());
        }
        assertTrue(faultEvents.stream().anyMatch(event -> event instanceof FaultEndedEvent ended && ended.fault().id().equals(s3FaultId)
                && ended.reason() == FaultEndedEvent.Reason.REMOVED));
        assertEquals(404, WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults/" + s3FaultId, null).statusCode());
    }

    @Test
    void policyDenyFaultIsAnAccessDeniedWithAnExplicitDenyInAVpcEndpointPolicy() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 72);
        String endpoint = network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        ObjectNode request = fault("F4").set("scope", scope().put("vpcEndpointId", endpoint));
        request.putObject("parameters").putArray("actions").add("s3:GetObject");
        String faultId = create(request, 201).path("faultId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            S3Exception denied = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("q1.csv")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            String message = denied.awsErrorDetails().errorMessage();
            assertTrue(message.contains("s3:GetObject") && message.contains("with an explicit deny in a VPC endpoint policy"), message);
            s3.putObject(put -> put.bucket(BUCKET).key("f4.csv"), RequestBody.fromString("allowed: not an action of the fault"));

            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
            assertArrayEquals(CONTENT, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("q1.csv")).asByteArray());
        }
    }

    @Test
    void publicDnsFaultMakesTheVpcResolverAnswerThePublicAddressAndTrafficLeaveThroughTheNat() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 73);
        String endpoint = network.s3InterfaceEndpoint()[0];
        JsonNode workload = network.workload(backlane);
        List<String> privately = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
        assertTrue(privately.size() == 1 && privately.get(0).startsWith("10.73."), privately.toString());

        String faultId = create(fault("F1").set("scope", scope().put("vpcId", network.vpc).put("service", "s3")), 201).path("faultId").asText();
        List<String> publicly = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
        assertFalse(publicly.isEmpty());
        assertTrue(publicly.stream().noneMatch(address -> address.startsWith("10.73.")), publicly.toString());
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            GatewayRequestEvent around = gatewayEvents.judged(workload.path("workloadId").asText(),
                    () -> assertArrayEquals(CONTENT, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("q1.csv")).asByteArray()));
            assertEquals(Verdict.PUBLIC, around.verdict().orElseThrow());
            assertEquals(network.natGateway, around.via().orElseThrow());
        }
        JsonNode explained = explain(workload, "s3.us-east-1.amazonaws.com");
        assertTrue(codes(explained).contains("FAULT_PUBLIC_DNS"), explained.toString());

        assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
        assertEquals(privately, WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com"), "the listener answers privately again at once");
        assertEquals(endpoint, explain(workload, "s3.us-east-1.amazonaws.com").path("via").asText());
    }

    @Test
    void securityGroupDropFaultBlocksTheCallAndExplainNamesTheFault() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 74);
        String endpoint = network.s3InterfaceEndpoint()[0];
        JsonNode workload = network.workload(backlane);
        String faultId = create(fault("F2").set("scope", scope().put("vpcEndpointId", endpoint)), 201).path("faultId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            S3Exception dropped = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("q1.csv")));
            assertEquals(504, dropped.statusCode(), "--blocked-traffic=error answers a dropped call at once");
            assertEquals("FAULT_SECURITY_GROUP_DROP",
                    dropped.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-backlane-explanation").orElseThrow());
            JsonNode explained = explain(workload, "s3.us-east-1.amazonaws.com");
            assertEquals("BLOCKED", explained.path("verdict").asText());
            JsonNode last = explained.path("explanations").get(explained.path("explanations").size() - 1);
            assertEquals("FAULT_SECURITY_GROUP_DROP", last.path("code").asText());
            assertEquals(faultId, last.path("component").asText());

            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
            assertArrayEquals(CONTENT, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("q1.csv")).asByteArray());
        }
    }

    @Test
    void theAdminApiRefusesBadFaultsNamingTheParameterAndEndsAFaultAtItsTime() throws Exception {
        assertRefused(fault("F9"), "InvalidParameterValue", "kind");
        assertRefused(fault("F3"), "MissingParameter", "scope.availabilityZone");
        assertRefused(fault("F1").set("scope", scope().put("subnetId", "subnet-1")), "InvalidParameterCombination", "subnetId");
        assertRefused(fault("F2").set("scope", scope().put("vpcId", "vpc-0000000000000000f")), "InvalidVpcID.NotFound", "vpc-0000000000000000f");
        assertRefused(fault("F7").put("duration", "PT13H"), "InvalidParameterValue", "duration");
        assertRefused(fault("F7").put("colour", "red"), "UnknownParameter", "colour");
        ObjectNode percentage = fault("F7");
        percentage.putObject("parameters").put("percentage", 150);
        assertRefused(percentage, "InvalidParameterValue", "percentage");
        assertEquals(404, WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults/fault-00000000000000000", null).statusCode());

        JsonNode brief = create(fault("F2").put("duration", "PT1S").set("scope", scope().put("account", "999999999999")), 201);
        String id = brief.path("faultId").asText();
        JsonNode listed = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults", null).body());
        assertTrue(listed.path("faults").findValuesAsText("faultId").contains(id), listed.toString());
        CompletableFuture<FaultEndedEvent> end = new CompletableFuture<>();
        try (var subscription = backlane.server().events().subscribe(FaultEndedEvent.class, event -> {
            if (event.fault().id().equals(id)) {
                end.complete(event);
            }
        })) {
            faultEvents.stream().filter(event -> event instanceof FaultEndedEvent found && found.fault().id().equals(id))
                    .map(FaultEndedEvent.class::cast).findFirst().ifPresent(end::complete);
            end.get(10, TimeUnit.SECONDS);
        }
        FaultEndedEvent ended = end.getNow(null);
        assertEquals(FaultEndedEvent.Reason.EXPIRED, ended.reason());
        assertEquals(404, WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults/" + id, null).statusCode());
    }

    @Test
    void theCliAddsListsAndRemovesFaultsWithItsExitCodes() {
        String url = "--endpoint-url=" + backlane.endpoint();
        BacklaneCli.Result added = BacklaneCli.run("fault", "add", "F7", "--service", "sqs", "--percentage", "25", "--operation", "SendMessage",
                "--duration", "2m", "--account", "888888888888", url);
        assertEquals(0, added.exitCode(), added.err());
        String id = added.out().strip().split(" ")[0];
        assertTrue(id.matches("fault-[0-9a-f]{17}"), added.out());
        assertTrue(added.out().contains("percentage=25") && added.out().contains("operations=SendMessage"), added.out());
        JsonNode described = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults/" + id, null).body());
        assertEquals(120, Duration.between(java.time.Instant.parse(described.path("startTime").asText()),
                java.time.Instant.parse(described.path("endTime").asText())).toSeconds());

        BacklaneCli.Result listed = BacklaneCli.run("fault", "list", url);
        assertEquals(0, listed.exitCode(), listed.err());
        assertTrue(listed.out().lines().anyMatch(line -> line.startsWith(id + " F7 active")), listed.out());

        BacklaneCli.Result refused = BacklaneCli.run("fault", "add", "F7", "--percentage", "0", url);
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("percentage"), refused.err());
        assertEquals(2, BacklaneCli.run("fault", "add", url).exitCode(), "KIND is required");

        BacklaneCli.Result removed = BacklaneCli.run("fault", "remove", id, url);
        assertEquals(0, removed.exitCode(), removed.err());
        BacklaneCli.Result again = BacklaneCli.run("fault", "remove", id, url);
        assertEquals(1, again.exitCode(), again.out());
        assertTrue(again.err().contains(id), again.err());
        assertEquals(3, BacklaneCli.run("fault", "list", "--endpoint-url=http://127.0.0.1:1").exitCode());
    }

    private static ObjectNode fault(String kind) {
        return WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", kind);
    }

    private static ObjectNode scope() {
        return WorkloadNetwork.JSON_MAPPER.createObjectNode();
    }

    private static JsonNode create(ObjectNode request, int status) {
        HttpResponse<String> response = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/faults", request.toString());
        assertEquals(status, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static void assertRefused(ObjectNode request, String code, String named) {
        JsonNode refused = create(request, 400);
        assertEquals(code, refused.path("code").asText(), refused.toString());
        assertTrue(refused.path("error").asText().contains(named), refused.toString());
    }

    private static JsonNode explain(JsonNode workload, String to) {
        String query = WorkloadNetwork.JSON_MAPPER.createObjectNode().put("from", workload.path("networkInterfaceId").asText()).put("to", to)
                .toString();
        HttpResponse<String> response = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/explain", query);
        assertEquals(200, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static List<String> codes(JsonNode explained) {
        return explained.path("explanations").findValuesAsText("code");
    }

    private static Ec2Client ec2(URI gateway, String accessKeyId) {
        return Ec2Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(gateway).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build()).build();
    }
}
