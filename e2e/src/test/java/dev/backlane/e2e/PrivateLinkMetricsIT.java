package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 calls a workload makes through an S3 interface endpoint show in CloudWatch as AWS PrivateLink's metrics, with AWS's
 * namespace, names and dimensions, read with the SDK for Java v2; and the same figures, with the gateway's, in the
 * Prometheus series at {@code /_backlane/metrics}, scraped by a real Prometheus and read back with PromQL. A call an
 * endpoint's security group refuses counts in that endpoint's PacketsDropped, not as a connection.
 */
class PrivateLinkMetricsIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static WorkloadNetwork network;
    private static String endpoint;
    private static long bytes;
    /** A second account's network whose endpoint's security group admits nothing, and that endpoint. */
    private static WorkloadNetwork refusing;
    private static String refusingEndpoint;

    @TempDir
    static Path prometheusHome;

    @BeforeAll
    static void callsThroughTheInterfaceEndpoint() throws InterruptedException {
        GatewayEvents events = new GatewayEvents(backlane.server().events());
        network = WorkloadNetwork.build(backlane.newAccount(), 71);
        endpoint = network.s3InterfaceEndpoint()[0];
        JsonNode workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            GatewayRequestEvent create = events.judged(id, () -> s3.createBucket(request -> request.bucket("metrics")));
            GatewayRequestEvent put = events.judged(id, () -> s3.putObject(request -> request.bucket("metrics").key("a"),
                    RequestBody.fromString("x".repeat(4096))));
            for (GatewayRequestEvent event : List.of(create, put)) {
                assertEquals(Verdict.PRIVATE, event.verdict().orElseThrow());
                assertEquals(endpoint, event.via().orElseThrow());
                bytes += event.bytesIn() + event.bytesOut();
            }
        }
        refusing = WorkloadNetwork.build(backlane.newAccount(), 72);
        String[] endpointAndGroup = refusing.s3InterfaceEndpoint();
        refusingEndpoint = endpointAndGroup[0];
        refusing.account.ec2().revokeSecurityGroupIngress(request -> request.groupId(endpointAndGroup[1]).ipPermissions(refusing.https()));
        JsonNode refused = refusing.workload(backlane);
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(refused.path("endpointUrl").asText()), refusing.account.id())) {
            GatewayRequestEvent blocked = events.judged(refused.path("workloadId").asText(), () -> assertEquals(504,
                    assertThrows(S3Exception.class, () -> s3.headBucket(request -> request.bucket("metrics"))).statusCode()));
            assertEquals(Verdict.BLOCKED, blocked.verdict().orElseThrow());
            assertEquals(Optional.of("ENI_SG_RULES_MISMATCH"), blocked.explanationCode());
            assertEquals(Optional.empty(), blocked.via(), "it did not go through the endpoint");
            assertEquals(Optional.of(refusingEndpoint), blocked.endpoint(), "the endpoint's security group stopped it");
        }
        // Publish the current minute now rather than when it ends.
        assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/metrics/publish", null).statusCode());
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void getMetricDataReturnsTheEndpointsConnectionsAndBytesUnderAwsDimensions() {
        List<Dimension> dimensions = List.of(dimension("Endpoint Type", "Interface"), dimension("Service Name", WorkloadNetwork.S3),
                dimension("VPC Endpoint Id", endpoint), dimension("VPC Id", network.vpc));
        try (CloudWatchClient cloudWatch = backlane.cloudWatch(network.account.id())) {
            GetMetricDataResponse data = hourlySums(cloudWatch, dimensions, "NewConnections", "BytesProcessed");
            assertEquals(List.of(2.0), data.metricDataResults().get(0).values(), data.toString());
            assertEquals(List.of((double) bytes), data.metricDataResults().get(1).values(), data.toString());
            assertTrue(bytes > 4096, "the object's bytes went through the endpoint: " + bytes);

            List<Metric> perSubnet = cloudWatch.listMetrics(request -> request.namespace("AWS/PrivateLinkEndpoints").metricName("NewConnections")
                    .dimensions(filter -> filter.name("Subnet Id"))).metrics();
            assertEquals(1, perSubnet.size(), perSubnet.toString());
            assertTrue(perSubnet.get(0).dimensions().contains(dimension("Subnet Id", network.privateSubnet)), perSubnet.toString());
            assertEquals(List.of("ActiveConnections", "BytesProcessed", "NewConnections", "PacketsDropped", "RstPacketsReceived"),
                    cloudWatch.listMetrics(request -> request.namespace("AWS/PrivateLinkEndpoints").dimensions(filter -> filter.name("VPC Endpoint Id")
                            .value(endpoint))).metrics().stream().map(Metric::metricName).distinct().sorted().toList());
        }
    }

    @Test
    void aCallTheEndpointsSecurityGroupRefusesCountsInItsPacketsDropped() {
        List<Dimension> dimensions = List.of(dimension("Endpoint Type", "Interface"), dimension("Service Name", WorkloadNetwork.S3),
                dimension("VPC Endpoint Id", refusingEndpoint), dimension("VPC Id", refusing.vpc));
        try (CloudWatchClient cloudWatch = backlane.cloudWatch(refusing.account.id())) {
            GetMetricDataResponse data = hourlySums(cloudWatch, dimensions, "PacketsDropped", "RstPacketsReceived", "NewConnections");
            assertEquals(List.of(1.0), data.metricDataResults().get(0).values(), data.toString());
            assertEquals(List.of(0.0), data.metricDataResults().get(1).values(), "no service reset it: " + data);
            assertEquals(List.of(0.0), data.metricDataResults().get(2).values(), "no connection was made: " + data);
        }
    }

    @Test
    void aRealPrometheusScrapesTheSameFigures() throws Exception {
        ExternalProgram prometheus = ExternalProgram.require("prometheus");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI target = URI.create(backlane.endpoint());
        Path config = prometheusHome.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: backlane
                    metrics_path: /_backlane/metrics
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(target.getHost(), target.getPort()));
        Process process = new ProcessBuilder(prometheus.executable().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + prometheusHome.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(prometheusHome.resolve("prometheus.log").toFile()).start();
        try {
            String query = "backlane_privatelink_endpoint_new_connections_total{vpc_endpoint_id=\"" + endpoint + "\",subnet_id=\""
                    + network.privateSubnet + "\"}";
            JsonNode result = poll("http://127.0.0.1:" + port, query, Duration.ofSeconds(60));
            assertEquals("2", result.path("value").get(1).asText(), result.toString());
            assertEquals(network.account.id(), result.path("metric").path("account").asText());
            assertEquals(WorkloadNetwork.S3, result.path("metric").path("service_name").asText());
            JsonNode sent = poll("http://127.0.0.1:" + port, "backlane_privatelink_endpoint_bytes_processed_total{vpc_endpoint_id=\"" + endpoint + "\"}",
                    Duration.ofSeconds(30));
            assertEquals(Long.toString(bytes), sent.path("value").get(1).asText(), sent.toString());
            JsonNode requests = poll("http://127.0.0.1:" + port,
                    "sum(backlane_gateway_requests_total{service=\"s3\",verdict=\"PRIVATE\",via=\"endpoint\"})", Duration.ofSeconds(30));
            assertEquals("2", requests.path("value").get(1).asText(), requests.toString());
            // The SLIs as series: both calls through the endpoint succeeded (M3), and M5 counted their bytes.
            JsonNode success = poll("http://127.0.0.1:" + port, "backlane_sli{indicator=\"M3\",window=\"5m\",endpoint=\"" + endpoint + "\"}",
                    Duration.ofSeconds(30));
            assertEquals("1", success.path("value").get(1).asText(), success.toString());
            assertEquals("ratio", success.path("metric").path("unit").asText(), success.toString());
            JsonNode met = poll("http://127.0.0.1:" + port, "backlane_sli_objective_met{indicator=\"M3\",window=\"1h\",endpoint=\"" + endpoint + "\"}",
                    Duration.ofSeconds(30));
            assertEquals("1", met.path("value").get(1).asText(), met.toString());
            JsonNode volume = poll("http://127.0.0.1:" + port, "backlane_sli{indicator=\"M5\",window=\"5m\",endpoint=\"" + endpoint + "\"}",
                    Duration.ofSeconds(30));
            assertTrue(volume.path("value").get(1).asDouble() > 4096, volume.toString());
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The first series of an instant query once Prometheus has one (it scrapes each second), waiting up to {@code limit}. */
    private static JsonNode poll(String prometheus, String query, Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = WorkloadNetwork.admin(prometheus, "GET",
                        "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
                last = response.body();
                JsonNode series = WorkloadNetwork.json(response.body()).path("data").path("result");
                if (response.statusCode() == 200 && series.size() > 0) {
                    return series.get(0);
                }
            } catch (java.io.UncheckedIOException notYetListening) {
                last = notYetListening.getMessage();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus had no series for " + query + " in " + limit + ": " + last + "\n"
                + Files.readString(prometheusHome.resolve("prometheus.log")));
    }

    /** The sums of the endpoint's metrics, in that order, over the hour around now. */
    private static GetMetricDataResponse hourlySums(CloudWatchClient cloudWatch, List<Dimension> dimensions, String... metrics) {
        Instant now = Instant.now();
        List<MetricDataQuery> queries = new ArrayList<>();
        for (String name : metrics) {
            queries.add(MetricDataQuery.builder().id(name.toLowerCase(Locale.ROOT)).metricStat(stat -> stat.period(3600).stat("Sum")
                    .metric(metric -> metric.namespace("AWS/PrivateLinkEndpoints").metricName(name).dimensions(dimensions))).build());
        }
        return cloudWatch.getMetricData(request -> request.startTime(now.minus(10, ChronoUnit.MINUTES)).endTime(now.plus(2, ChronoUnit.MINUTES))
                .metricDataQueries(queries));
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
