package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code backlane sli} through the real script, after real traffic: S3 calls through an interface endpoint (M3, M6
 * with its 4xx, M4, M5), the VPC's DNS answering the endpoint's private address (M2), the synthetic probes (M1) and the
 * provisioning time (M7); then the endpoint's security group loses its HTTPS rule: the probes fail, the call is a
 * flow-log reject (M8) and {@code --fail-on-breach} exits 1.
 */
class SliIT {
    private static final Path SCRIPT = Path.of("..", "backlane").toAbsolutePath().normalize();
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static WorkloadNetwork network;
    private static String endpoint;
    private static String endpointGroup;

    @TempDir
    Path directory;

    @BeforeAll
    static void topology() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("slis"));
            direct.putObject(request -> request.bucket("slis").key("there"), RequestBody.fromString("here"));
        }
        network = WorkloadNetwork.build(backlane.newAccount(), 94);
        String[] created = network.s3InterfaceEndpoint();
        endpoint = created[0];
        endpointGroup = created[1];
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void trafficThroughAnEndpointMovesItsSlisAndABrokenSecurityGroupBreachesThem() throws Exception {
        JsonNode workload = network.workload(backlane);
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            for (int i = 0; i < 9; i++) {
                assertEquals("here", s3.getObjectAsBytes(request -> request.bucket("slis").key("there")).asUtf8String());
            }
            assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(request -> request.bucket("slis").key("missing")));
            assertTrue(WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com").stream().allMatch(address -> address.startsWith("10.94.")));
            assertTrue(backlane.server().slis().probes().probeAll() > 0, "the endpoint was probed");

            JsonNode healthy = indicators(sli(List.of("--endpoint", endpoint, "--window", "5m")));
            assertEquals(1.0, healthy.path("M1").path("value").asDouble(), "every probe got through: " + healthy.path("M1"));
            assertEquals(0.9, healthy.path("M3").path("value").asDouble(), 1e-9, "9 of 10 answered 2xx: " + healthy.path("M3"));
            assertEquals(0.1, healthy.path("M6").path("value").asDouble(), 1e-9, "the 404: " + healthy.path("M6"));
            assertTrue(healthy.path("M4").path("value").asDouble() > 0, healthy.path("M4").toString());
            assertTrue(healthy.path("M5").path("value").asDouble() > 0, healthy.path("M5").toString());
            assertTrue(healthy.path("M7").path("value").asDouble() >= 0 && healthy.path("M7").path("met").asBoolean(), healthy.path("M7").toString());
            assertSlisInCloudWatch(healthy.path("M3").path("value").asDouble());
            JsonNode vpc = indicators(sli(List.of("--kind", "vpc", "--window", "5m")));
            assertEquals(1.0, vpc.path("M2").path("value").asDouble(), "the private answer: " + vpc.path("M2"));

            network.ec2.revokeSecurityGroupIngress(request -> request.groupId(endpointGroup).ipPermissions(network.https()));
            assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(request -> request.bucket("slis").key("there")));
            backlane.server().slis().probes().probeAll();
            JsonNode broken = indicators(sli(List.of("--endpoint", endpoint, "--window", "5m")));
            // The scheduled round (every 30 s) may have probed too: at least the last probe failed.
            assertTrue(broken.path("M1").path("value").asDouble() < 1.0, "the last probe failed: " + broken.path("M1"));
            assertFalse(broken.path("M1").path("met").asBoolean());
            assertTrue(broken.path("M8").path("value").asDouble() > 0, "the blocked call is a reject: " + broken.path("M8"));
        }
        ExternalProgram.Result breach = script(List.of("sli", "--endpoint-url", backlane.endpoint(), "--endpoint", endpoint, "--window", "5m",
                "--fail-on-breach"));
        assertEquals(1, breach.exitCode(), breach.describe());
        assertTrue(breach.stdout().contains("BREACHED"), breach.stdout());
    }

    /** The SLIs are in CloudWatch too, in Backlane/SLI of the server's default account, per endpoint. */
    private static void assertSlisInCloudWatch(double successRate) {
        assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/metrics/publish", null).statusCode());
        Instant now = Instant.now();
        try (CloudWatchClient cloudWatch = backlane.cloudWatch(ServerConfig.forTests().defaultAccount())) {
            GetMetricDataResponse data = cloudWatch.getMetricData(request -> request.startTime(now.minus(5, ChronoUnit.MINUTES))
                    .endTime(now.plus(1, ChronoUnit.MINUTES)).metricDataQueries(query -> query.id("m3").metricStat(stat -> stat.period(300)
                            .stat("Maximum").metric(metric -> metric.namespace("Backlane/SLI").metricName("M3")
                                    .dimensions(dimension -> dimension.name("Endpoint").value(endpoint))))));
            assertEquals(List.of(successRate), data.metricDataResults().get(0).values(), data.toString());
            assertTrue(cloudWatch.listMetrics(request -> request.namespace("Backlane/SLI").dimensions(filter -> filter.name("Zone"))).hasMetrics());
        }
    }

    @Test
    void anSloFileAndBadQuestionsGetTheirAnswers() throws Exception {
        Path lenient = Files.writeString(directory.resolve("slos.json"), "{\"availability\": 0.1, \"successRate\": 0.1, \"clientErrorRate\": 1,"
                + " \"rejectRate\": 1, \"privateResolveRate\": 0.1, \"latencyP95OverBaselineMillis\": null}");
        ExternalProgram.Result met = script(List.of("sli", "--endpoint-url", backlane.endpoint(), "--endpoint", endpoint, "--slo-file",
                lenient.toString(), "--fail-on-breach"));
        assertEquals(0, met.exitCode(), met.describe());
        ExternalProgram.Result unknown = script(List.of("sli", "--endpoint-url", backlane.endpoint(), "--endpoint", "vpce-0123456789abcdef0"));
        assertEquals(1, unknown.exitCode(), unknown.describe());
        assertTrue(unknown.stderr().contains("does not exist"), unknown.describe());
        ExternalProgram.Result window = script(List.of("sli", "--endpoint-url", backlane.endpoint(), "--window", "2h"));
        assertEquals(1, window.exitCode(), window.describe());
        assertTrue(window.stderr().contains("window must be one of 5m, 1h, 6h, 1d, 30d"), window.describe());
        Path wrong = Files.writeString(directory.resolve("wrong.json"), "{\"availabilty\": 0.99}");
        ExternalProgram.Result typo = script(List.of("sli", "--endpoint-url", backlane.endpoint(), "--slo-file", wrong.toString()));
        assertEquals(1, typo.exitCode(), typo.describe());
        assertTrue(typo.stderr().contains("unknown SLO availabilty"), typo.describe());
    }

    private JsonNode sli(List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("sli", "--endpoint-url", backlane.endpoint(), "--json"));
        arguments.addAll(options);
        ExternalProgram.Result result = script(arguments);
        assertEquals(0, result.exitCode(), result.describe());
        return WorkloadNetwork.json(result.stdout().strip());
    }

    /** The first report's indicators by ID. */
    private static JsonNode indicators(JsonNode answer) {
        com.fasterxml.jackson.databind.node.ObjectNode byId = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        answer.path("reports").path(0).path("indicators").forEach(indicator -> byId.set(indicator.path("id").asText(), indicator));
        return byId;
    }

    private ExternalProgram.Result script(List<String> arguments) {
        return ExternalProgram.at(SCRIPT).run(directory, Map.of(), Duration.ofSeconds(120), arguments);
    }
}
