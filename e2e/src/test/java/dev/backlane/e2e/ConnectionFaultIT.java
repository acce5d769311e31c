package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults on the bytes of connections, as real clients meet them through a workload's gateway to S3: Toxiproxy's
 * toxics (latency with the SDK for Java v2; reset_peer, limit_data and bandwidth with {@code curl}), F7's added
 * latency, F6 breaking the SDK's kept-alive connection while new ones still open, and F5's extra traffic through the NAT
 * gateway — each with what the server's telemetry says (the fault's start, the call forwarded on a path that is fine,
 * the connection's close and bytes, the gateway's calls, M5, and the NAT's observed GB and M10 in the cost report).
 */
class ConnectionFaultIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))));

    private static final String BUCKET = "media";
    private static final byte[] SMALL = "hello through a toxic".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG = new byte[200_000];
    private static final String ALLOW_ALL = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
            """;

    private static GatewayEvents gatewayEvents;
    private static final List<FaultStartedEvent> started = new CopyOnWriteArrayList<>();
    private static final List<GatewayConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void seed() {
        gatewayEvents = new GatewayEvents(backlane.server().events());
        backlane.server().events().subscribe(FaultStartedEvent.class, started::add);
        backlane.server().events().subscribe(GatewayConnectionClosedEvent.class, closed::add);
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket(BUCKET));
            direct.putObject(request -> request.bucket(BUCKET).key("small.txt"), RequestBody.fromBytes(SMALL));
            direct.putObject(request -> request.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(BIG));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void latencyToxicAndThrottlingsAddedLatencyDelayTheWorkloadsCallsUntilRemoved() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 81);
        network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        String workloadId = workload.path("workloadId").asText();
        ObjectNode toxic = fault("TOXIC", scope().put("workloadId", workloadId));
        toxic.putObject("parameters").putObject("toxic").put("type", "latency").put("stream", "downstream").putObject("attributes")
                .put("latency", 1500).put("jitter", 100);
        JsonNode made = create(toxic);
        assertEquals("latency", made.path("parameters").path("toxic").path("type").asText(), made.toString());
        String toxicId = made.path("faultId").asText();
        assertTrue(started.stream().anyMatch(event -> event.fault().id().equals(toxicId)));

        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            long took = timed(() -> assertArrayEquals(SMALL, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")).asByteArray()));
            assertTrue(took >= 1400, "a 1500 ± 100 ms latency toxic, the call took " + took + " ms");
            remove(toxicId);
            long after = timed(() -> s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")));
            assertTrue(after < 1400, "the toxic left the kept-alive connection when removed; the call took " + after + " ms");

            // F7 with only a latency delays S3's calls and throttles none: the gateway forwards them on a path that is fine.
            ObjectNode delayed = fault("F7", scope().put("workloadId", workloadId).put("service", "s3"));
            delayed.putObject("parameters").put("latency", 1500);
            String delayId = create(delayed).path("faultId").asText();
            long[] slow = new long[1];
            GatewayRequestEvent event = gatewayEvents.judged(workloadId, () -> slow[0] = timed(() -> assertArrayEquals(SMALL,
                    s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")).asByteArray())));
            assertTrue(slow[0] >= 1500, "F7's 1500 ms latency, the call took " + slow[0] + " ms");
            assertEquals(GatewayRequestEvent.Outcome.FORWARDED, event.outcome());
            assertEquals(Verdict.PRIVATE, event.verdict().orElseThrow());
            remove(delayId);
        }
    }

    @Test
    void resetPeerLimitDataAndBandwidthToxicsAreWhatCurlMeets() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 82);
        network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        String workloadId = workload.path("workloadId").asText();
        String url = workload.path("endpointUrl").asText() + "/" + BUCKET + "/big.bin";

        // Through the CLI: reset_peer at once, on S3's traffic from this workload.
        BacklaneCli.Result added = BacklaneCli.run("fault", "add", "TOXIC", "--workload", workloadId, "--service", "s3", "--toxic", "reset_peer",
                "--attribute", "timeout=0", "--duration", "5m", "--endpoint-url=" + backlane.endpoint());
        assertEquals(0, added.exitCode(), added.err());
        String resetId = added.out().strip().split(" ")[0];
        int closedBefore = closedOf(workloadId).size();
        ExternalProgram.Result reset = curl(network, url);
        assertEquals(56, reset.exitCode(), "curl: (56) Recv failure: Connection reset by peer; " + reset.describe());
        assertTrue(reset.stderr().toLowerCase().contains("reset"), reset.describe());
        awaitClosed(workloadId, closedBefore);
        remove(resetId);

        ObjectNode limit = fault("TOXIC", scope().put("workloadId", workloadId));
        limit.putObject("parameters").putObject("toxic").put("type", "limit_data").putObject("attributes").put("bytes", 50_000);
        String limitId = create(limit).path("faultId").asText();
        closedBefore = closedOf(workloadId).size();
        ExternalProgram.Result cut = curl(network, url);
        assertEquals(18, cut.exitCode(), "curl: (18) transfer closed with outstanding read data remaining; " + cut.describe());
        GatewayConnectionClosedEvent cutClose = awaitClosed(workloadId, closedBefore);
        assertEquals(50_000, cutClose.bytesOut(), "the gateway's connection event counts the 50,000 bytes the toxic let out");
        remove(limitId);

        // 100 KB/s on 200,000 bytes: two seconds at least.
        ObjectNode bandwidth = fault("TOXIC", scope().put("workloadId", workloadId));
        bandwidth.putObject("parameters").putObject("toxic").put("type", "bandwidth").putObject("attributes").put("rate", 100);
        String bandwidthId = create(bandwidth).path("faultId").asText();
        long[] took = new long[1];
        ExternalProgram.Result[] slow = new ExternalProgram.Result[1];
        took[0] = timed(() -> slow[0] = curl(network, url));
        assertEquals(0, slow[0].exitCode(), slow[0].describe());
        assertEquals(String.valueOf(BIG.length), slow[0].stdout().strip(), "the whole object arrives, slowly");
        assertTrue(took[0] >= 1900, "200,000 bytes at 100 KB/s took " + took[0] + " ms");
        remove(bandwidthId);
    }

    @Test
    void asymmetricRoutingResetsTheEstablishedConnectionWhileNewOnesStillOpen() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 83);
        network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        String workloadId = workload.path("workloadId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            // The SDK keeps its connection alive between calls: established before the fault.
            assertArrayEquals(SMALL, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")).asByteArray());
            int closedBefore = closedOf(workloadId).size();
            ObjectNode asymmetric = fault("F6", scope().put("workloadId", workloadId));
            asymmetric.putObject("parameters").put("mode", "reset");
            String faultId = create(asymmetric).path("faultId").asText();

            SdkClientException broken = assertThrows(SdkClientException.class, () -> s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")));
            assertTrue(String.valueOf(broken.getMessage()).toLowerCase().matches("(?s).*(reset|failed to respond|no_http_response|unexpected end).*"),
                    broken.toString());
            GatewayConnectionClosedEvent end = awaitClosed(workloadId, closedBefore);
            assertEquals(1, end.requests(), "the established connection ended after its one call; the second never reached the gateway");

            // A new connection opens and works while the fault is still active.
            assertArrayEquals(SMALL, s3.getObjectAsBytes(get -> get.bucket(BUCKET).key("small.txt")).asByteArray());
            remove(faultId);
        }
    }

    @Test
    void costSpikePushesItsVolumeThroughTheNatGatewayAndTheCountersMove() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 84);
        JsonNode workload = network.workload(backlane);
        String workloadId = workload.path("workloadId").asText();
        List<GatewayRequestEvent> calls = new CopyOnWriteArrayList<>();
        JsonNode idle = natCost(network);
        assertEquals(0, BigDecimal.ZERO.compareTo(idle.path("gbPerMonth").decimalValue()), idle.toString());
        assertTrue(idle.path("costPerGb").isMissingNode(), "no M10 without traffic: " + idle);
        try (var subscription = backlane.server().events().subscribe(GatewayRequestEvent.class, event -> {
            if (event.workloadId().equals(workloadId)) {
                calls.add(event);
            }
        })) {
            ObjectNode spike = fault("F5", scope().put("workloadId", workloadId).put("service", "s3"));
            spike.putObject("parameters").put("bytesPerSecond", 4_000_000).put("totalBytes", 3_000_000);
            JsonNode made = create(spike);
            assertEquals(3_000_000, made.path("parameters").path("totalBytes").asLong(), made.toString());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (calls.stream().mapToLong(GatewayRequestEvent::bytesIn).sum() < 3_000_000) {
                assertTrue(System.nanoTime() < deadline, "the extra traffic did not pass the gateway: " + calls);
                Thread.sleep(20);
            }
            // No S3 endpoint in this VPC: the extra traffic leaves through the NAT gateway, as the workload's calls would.
            assertTrue(calls.stream().allMatch(call -> call.verdict().orElseThrow() == Verdict.PUBLIC
                    && call.via().orElseThrow().equals(network.natGateway)), calls.toString());
            assertEquals(3, calls.size(), "three calls of at most 1 MiB carry 3,000,000 bytes");
            remove(made.path("faultId").asText());
        }
        // backlane cost prices the NAT's observed bytes (the calls' bytes both ways, scaled from the server's age to a
        // month) and M10 is its month's total over them.
        JsonNode nat = natCost(network);
        long seconds = Long.parseLong(nat.path("observedSeconds").asText());
        BigDecimal bytes = BigDecimal.valueOf(calls.stream().mapToLong(call -> call.bytesIn() + call.bytesOut()).sum());
        BigDecimal gb = bytes.divide(BigDecimal.valueOf(1_000_000_000L)).multiply(BigDecimal.valueOf(730L * 3600L))
                .divide(BigDecimal.valueOf(seconds), MathContext.DECIMAL64);
        assertEquals(gb.doubleValue(), nat.path("gbPerMonth").doubleValue(), 0.0001, nat.toString());
        double total = 32.85 + gb.doubleValue() * 0.045;
        assertEquals(total / gb.doubleValue(), nat.path("costPerGb").doubleValue(), 0.0001, "M10: " + nat);
        HttpResponse<String> slis = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/sli?kind=workload&window=5m", null);
        JsonNode report = null;
        for (JsonNode candidate : WorkloadNetwork.json(slis.body()).path("reports")) {
            if (candidate.path("id").asText().equals(workloadId)) {
                report = candidate;
            }
        }
        assertTrue(report != null, slis.body());
        for (JsonNode indicator : report.path("indicators")) {
            if (indicator.path("id").asText().equals("M5")) {
                assertTrue(indicator.path("value").asDouble() >= 3_000_000, "M5 counts the extra bytes: " + indicator);
            }
        }
    }

    @Test
    void badToxicsAreRefusedNamingTheMember() {
        ObjectNode unknown = fault("TOXIC", scope());
        unknown.putObject("parameters").putObject("toxic").put("type", "slicer");
        assertRefused(unknown, "InvalidParameterValue", "toxic.type");
        ObjectNode rateless = fault("TOXIC", scope());
        rateless.putObject("parameters").putObject("toxic").put("type", "bandwidth");
        assertRefused(rateless, "MissingParameter", "toxic.attributes.rate");
        ObjectNode wrongKind = fault("F2", scope());
        wrongKind.putObject("parameters").put("mode", "stall");
        assertRefused(wrongKind, "InvalidParameterCombination", "mode");
        ObjectNode fraction = fault("F7", scope());
        fraction.putObject("parameters").put("latency", 1.5);
        assertRefused(fraction, "InvalidParameterValue", "latency");
    }

    private static ExternalProgram.Result curl(WorkloadNetwork network, String url) {
        return ExternalProgram.require("curl").run(Path.of("."), Map.of(), Duration.ofSeconds(30), List.of("-sS", "--noproxy", "*", "--max-time", "20",
                "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", network.account.id() + ":test", "-o", "/dev/null", "-w", "%{size_download}", url));
    }

    private static List<GatewayConnectionClosedEvent> closedOf(String workloadId) {
        return closed.stream().filter(event -> event.workloadId().equals(workloadId)).toList();
    }

    /** The next connection of the workload's gateway to close after {@code before} had. */
    private static GatewayConnectionClosedEvent awaitClosed(String workloadId, int before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (closedOf(workloadId).size() <= before) {
            assertTrue(System.nanoTime() < deadline, "no connection of " + workloadId + " closed");
            Thread.sleep(10);
        }
        return new ArrayList<>(closedOf(workloadId)).get(before);
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** The NAT gateway's line of {@code POST /_backlane/cost} for the network's account, with the report's observed seconds. */
    private static JsonNode natCost(WorkloadNetwork network) {
        HttpResponse<String> answer = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/cost",
                "{\"account\": \"" + network.account.id() + "\", \"region\": \"us-east-1\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode report = WorkloadNetwork.json(answer.body());
        Matcher observed = Pattern.compile("observed over (\\d+) s").matcher(report.path("traffic").asText());
        assertTrue(observed.find(), report.toString());
        for (JsonNode component : report.path("scopes").path(0).path("components")) {
            if (component.path("id").asText().equals(network.natGateway) && component.path("kind").asText().equals("nat-gateway")) {
                return ((ObjectNode) component.deepCopy()).put("observedSeconds", observed.group(1));
            }
        }
        throw new AssertionError(network.natGateway + " is not in " + report);
    }

    private static ObjectNode fault(String kind, ObjectNode scope) {
        ObjectNode fault = WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", kind).put("duration", "PT5M");
        fault.set("scope", scope);
        return fault;
    }

    private static ObjectNode scope() {
        return WorkloadNetwork.JSON_MAPPER.createObjectNode();
    }

    private static JsonNode create(ObjectNode request) {
        return AdminFaults.create(backlane.endpoint(), request);
    }

    private static void remove(String faultId) {
        AdminFaults.remove(backlane.endpoint(), faultId);
    }

    private static void assertRefused(ObjectNode request, String code, String named) {
        HttpResponse<String> response = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/faults", request.toString());
        assertEquals(400, response.statusCode(), response.body());
        JsonNode refused = WorkloadNetwork.json(response.body());
        assertEquals(code, refused.path("code").asText(), refused.toString());
        assertTrue(refused.path("error").asText().contains(named), refused.toString());
    }
}
