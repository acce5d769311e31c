package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.flowlog.PacketEstimate;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * S3 calls a workload makes through its gateway, first out through the NAT gateway and then through an S3 interface
 * endpoint, read back as metrics with the AWS CLI v1 ({@code aws cloudwatch get-metric-data}) and boto3: AWS/NATGateway
 * under the NAT gateway's id with bytes and packets as the documented rule derives them from the bytes sent,
 * Backlane/Requests by service, action and error code, and AWS/PrivateLinkEndpoints BytesProcessed equal to the
 * endpoint call's bytes; and the same figures in the Prometheus text at {@code /_backlane/metrics}.
 */
class GatewayMetricsIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))));

    @TempDir
    static Path home;

    private static WorkloadNetwork network;
    private static String endpoint;
    private static long connections;
    private static long packetsFromSource;
    private static long bytesFromSource;
    private static long packetsFromDestination;
    private static long bytesFromDestination;
    private static long privateLinkBytes;

    @BeforeAll
    static void callsThroughTheNatGatewayThenThroughAnInterfaceEndpoint() throws InterruptedException {
        List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
        List<GatewayConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
        backlane.server().events().subscribe(GatewayRequestEvent.class, requests::add);
        backlane.server().events().subscribe(GatewayConnectionClosedEvent.class, closed::add);
        network = WorkloadNetwork.build(backlane.newAccount(), 75);
        JsonNode workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        URI gateway = URI.create(workload.path("endpointUrl").asText());
        try (S3Client s3 = WorkloadGatewayIT.s3(gateway, network.account.id())) {
            s3.createBucket(request -> request.bucket("egress"));
            s3.putObject(request -> request.bucket("egress").key("a"), RequestBody.fromString("x".repeat(5000)));
            assertThrows(NoSuchKeyException.class, () -> s3.getObject(request -> request.bucket("egress").key("missing"),
                    ResponseTransformer.toBytes()));
        }
        waitFor(() -> requests.size() == 3, "the three calls' events");
        Set<Integer> ports = requests.stream().map(GatewayRequestEvent::clientPort).collect(Collectors.toSet());
        waitFor(() -> closed.stream().map(GatewayConnectionClosedEvent::clientPort).collect(Collectors.toSet()).containsAll(ports),
                "the client's connections to close");
        // The documented rule: payload in 1,448-byte segments; the opener's SYN and ACK, the accepter's SYN-ACK, a FIN each
        // way at the close; 52 bytes of headers a packet.
        connections = ports.size();
        packetsFromSource = 3 * connections;
        packetsFromDestination = 2 * connections;
        for (GatewayRequestEvent request : requests) {
            assertEquals(Verdict.PUBLIC, request.verdict().orElseThrow(), request.toString());
            assertEquals(network.natGateway, request.via().orElseThrow());
            assertEquals(GatewayRequestEvent.Outcome.FORWARDED, request.outcome());
            packetsFromSource += (request.bytesIn() + PacketEstimate.SEGMENT_PAYLOAD - 1) / PacketEstimate.SEGMENT_PAYLOAD;
            packetsFromDestination += (request.bytesOut() + PacketEstimate.SEGMENT_PAYLOAD - 1) / PacketEstimate.SEGMENT_PAYLOAD;
            bytesFromSource += request.bytesIn();
            bytesFromDestination += request.bytesOut();
        }
        bytesFromSource += PacketEstimate.HEADER_BYTES * packetsFromSource;
        bytesFromDestination += PacketEstimate.HEADER_BYTES * packetsFromDestination;

        endpoint = network.s3InterfaceEndpoint()[0];
        GatewayEvents events = new GatewayEvents(backlane.server().events());
        try (S3Client s3 = WorkloadGatewayIT.s3(gateway, network.account.id())) {
            GatewayRequestEvent put = events.judged(id, () -> s3.putObject(request -> request.bucket("egress").key("b"),
                    RequestBody.fromString("y".repeat(4096))));
            assertEquals(endpoint, put.via().orElseThrow());
            privateLinkBytes = put.bytesIn() + put.bytesOut();
        }
        // Publish the current minute now rather than when it ends.
        assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/metrics/publish", null).statusCode());
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    /** One query per figure: id -> namespace, metric, statistic, dimensions. */
    private static ArrayNode queries() {
        ArrayNode queries = JSON.createArrayNode();
        Map<String, String> nat = Map.of("NatGatewayId", network.natGateway);
        query(queries, "natin", "AWS/NATGateway", "BytesInFromSource", "Sum", nat);
        query(queries, "natout", "AWS/NATGateway", "BytesOutToSource", "Sum", nat);
        query(queries, "natpacketsin", "AWS/NATGateway", "PacketsInFromSource", "Sum", nat);
        query(queries, "natpacketsout", "AWS/NATGateway", "PacketsOutToSource", "Sum", nat);
        query(queries, "natestablished", "AWS/NATGateway", "ConnectionEstablishedCount", "Sum", nat);
        query(queries, "natactive", "AWS/NATGateway", "ActiveConnectionCount", "Maximum", nat);
        query(queries, "endpointbytes", "AWS/PrivateLinkEndpoints", "BytesProcessed", "Sum", Map.of("Endpoint Type", "Interface",
                "Service Name", WorkloadNetwork.S3, "VPC Endpoint Id", endpoint, "VPC Id", network.vpc));
        query(queries, "s3calls", "Backlane/Requests", "Requests", "Sum", Map.of("Service", "s3"));
        query(queries, "puts", "Backlane/Requests", "Requests", "Sum", Map.of("Service", "s3", "Action", "PutObject", "StatusCode", "200"));
        query(queries, "nosuchkey", "Backlane/Requests", "Requests", "Sum", Map.of("Service", "s3", "Action", "GetObject", "ErrorCode", "NoSuchKey"));
        query(queries, "timed", "Backlane/Requests", "Latency", "SampleCount", Map.of("Service", "s3"));
        return queries;
    }

    private static void query(ArrayNode queries, String id, String namespace, String metric, String statistic, Map<String, String> dimensions) {
        ObjectNode stat = queries.addObject().put("Id", id).putObject("MetricStat").put("Period", 60).put("Stat", statistic);
        ObjectNode what = stat.putObject("Metric").put("Namespace", namespace).put("MetricName", metric);
        ArrayNode list = what.putArray("Dimensions");
        dimensions.forEach((name, value) -> list.addObject().put("Name", name).put("Value", value));
    }

    /** What each client read, by query id: the sum of the minutes' values (the maximum for ActiveConnectionCount). */
    private static void assertFigures(Map<String, Double> read, String client) {
        assertEquals(bytesFromSource, read.get("natin"), client + ": " + read);
        assertEquals(bytesFromDestination, read.get("natout"), client + ": " + read);
        assertEquals(packetsFromSource, read.get("natpacketsin"), client + ": " + read);
        assertEquals(packetsFromDestination, read.get("natpacketsout"), client + ": " + read);
        assertEquals(connections, read.get("natestablished"), client + ": " + read);
        assertTrue(read.get("natactive") >= 1, client + ": the connection was open in its minute: " + read);
        assertEquals(privateLinkBytes, read.get("endpointbytes"), client + ": " + read);
        assertEquals(4, read.get("s3calls"), client + ": " + read);
        assertEquals(2, read.get("puts"), client + ": " + read);
        assertEquals(1, read.get("nosuchkey"), client + ": " + read);
        assertEquals(4, read.get("timed"), client + ": " + read);
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        // A 12-digit access key selects the account the metrics are in.
        environment.put("AWS_ACCESS_KEY_ID", network.account.id());
        return environment;
    }

    @Test
    void theCliReadsTheNatGatewaysTheRequestsAndTheEndpointsMetrics() throws IOException {
        ExternalProgram aws = AwsCliJson.awsCli();
        Path file = home.resolve("queries.json");
        Files.writeString(file, queries().toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ExternalProgram.Result result = aws.run(home, environment(), Duration.ofMinutes(2), List.of("cloudwatch", "get-metric-data",
                "--metric-data-queries", "file://" + file, "--start-time", now.minusSeconds(600).toString(), "--end-time",
                now.plusSeconds(120).toString(), "--endpoint-url", backlane.endpoint(), "--output", "json"));
        assertEquals(0, result.exitCode(), result::describe);
        Map<String, Double> read = new HashMap<>();
        for (JsonNode series : JSON.readTree(result.stdout()).path("MetricDataResults")) {
            double total = 0;
            for (JsonNode value : series.path("Values")) {
                total = series.path("Id").asText().equals("natactive") ? Math.max(total, value.asDouble()) : total + value.asDouble();
            }
            read.put(series.path("Id").asText(), total);
        }
        assertFigures(read, "aws cloudwatch get-metric-data");
    }

    @Test
    void boto3ReadsTheSameFigures() throws IOException {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("gateway_metrics.py");
        Files.writeString(script, """
                import boto3, datetime, json, sys
                cw = boto3.client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1")
                now = datetime.datetime.now(datetime.timezone.utc)
                data = cw.get_metric_data(MetricDataQueries=json.loads(sys.argv[2]), StartTime=now - datetime.timedelta(minutes=10),
                                          EndTime=now + datetime.timedelta(minutes=2))
                print(json.dumps({r["Id"]: (max(r["Values"]) if r["Id"] == "natactive" else sum(r["Values"])) if r["Values"] else None
                                  for r in data["MetricDataResults"]}))
                """);
        ExternalProgram.Result result = python.run(home, environment(), Duration.ofMinutes(1),
                List.of(script.toString(), backlane.endpoint(), queries().toString()));
        assertEquals(0, result.exitCode(), result::describe);
        Map<String, Double> read = new HashMap<>();
        JSON.readTree(result.stdout()).fields().forEachRemaining(field -> read.put(field.getKey(), field.getValue().isNull() ? null
                : field.getValue().asDouble()));
        assertFigures(read, "boto3");
    }

    @Test
    void prometheusSeriesCarryTheSameFiguresWithLabels() {
        String text = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/metrics", null).body();
        String nat = "{account=\"" + network.account.id() + "\",nat_gateway_id=\"" + network.natGateway + "\",region=\"us-east-1\"}";
        assertTrue(text.contains("backlane_nat_gateway_bytes_in_from_source_total" + nat + " " + (double) bytesFromSource), text);
        assertTrue(text.contains("backlane_nat_gateway_packets_in_from_destination_total" + nat + " " + (double) packetsFromDestination), text);
        assertTrue(text.contains("backlane_nat_gateway_connections_established_total" + nat + " " + (double) connections), text);
        assertTrue(text.contains("backlane_nat_gateway_active_connections" + nat + " 0.0"), "all closed: " + text);
        assertTrue(text.contains("backlane_requests_total{account=\"" + network.account.id() + "\",action=\"GetObject\",error_code=\"NoSuchKey\","
                + "region=\"us-east-1\",service=\"s3\",status=\"404\"} 1.0"), text);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            Thread.sleep(10);
        }
    }
}
