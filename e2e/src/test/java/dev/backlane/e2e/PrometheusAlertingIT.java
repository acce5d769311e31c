package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Prometheus rules and Alertmanager routing in {@code contrib/}, run by the real Prometheus and Alertmanager
 * (Debian's packages): promtool and amtool accept them; and, with every duration divided by 60 (an hour of the
 * rules is a minute here), a Prometheus scraping this Backlane each second pages through Alertmanager into a webhook
 * receiver once, grouped by region and service, when an F7 fault throttles a workload's S3 calls through its
 * interface endpoint, and resolves the page once the fault is removed. The Grafana dashboards' queries are valid PromQL
 * and name only series a scrape of Backlane has (or the rules record).
 */
class PrometheusAlertingIT {
    /** Durations in the shipped files are divided by this at test time: see contrib/README.md. */
    private static final int SPEED_UP = 60;
    private static final Path CONTRIB = Path.of("").toAbsolutePath().getParent().resolve("contrib");
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))));

    @TempDir
    static Path home;

    private static WorkloadNetwork network;
    private static String endpoint;
    private static JsonNode workload;

    @BeforeAll
    static void workloadWithAnS3InterfaceEndpoint() throws InterruptedException {
        network = WorkloadNetwork.build(backlane.newAccount(), 72);
        endpoint = network.s3InterfaceEndpoint()[0];
        workload = network.workload(backlane);
        try (S3Client s3 = s3()) {
            s3.createBucket(request -> request.bucket("orders"));
            s3.putObject(request -> request.bucket("orders").key("today"), RequestBody.fromString("order"));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void promtoolAndAmtoolAcceptTheShippedFiles() throws IOException {
        List<String> rules = new ArrayList<>(List.of("check", "rules"));
        try (Stream<Path> files = Files.list(CONTRIB.resolve("prometheus"))) {
            files.filter(file -> file.toString().endsWith(".yml")).sorted().forEach(file -> rules.add(file.toString()));
        }
        ExternalProgram.Result promtool = ExternalProgram.require("promtool").run(home, Map.of(), Duration.ofSeconds(30), rules);
        assertEquals(0, promtool.exitCode(), promtool.describe());
        assertTrue(promtool.stdout().contains("SUCCESS: 29 rules found"), promtool.describe());
        ExternalProgram.Result amtool = ExternalProgram.require("amtool").run(home, Map.of(), Duration.ofSeconds(30),
                List.of("check-config", CONTRIB.resolve("alertmanager/alertmanager.yml").toString()));
        assertEquals(0, amtool.exitCode(), amtool.describe());
        assertTrue(amtool.stdout().contains("SUCCESS"), amtool.describe());
    }

    @Test
    void aThrottlingFaultPagesThroughAlertmanagerOnceGroupedAndResolvesWhenItEnds() throws Exception {
        ExternalProgram prometheus = ExternalProgram.require("prometheus");
        ExternalProgram alertmanager = ExternalProgram.require("prometheus-alertmanager");
        BlockingQueue<JsonNode> pages = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/page", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                pages.add(WorkloadNetwork.json(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        int alertmanagerPort = freePort();
        int prometheusPort = freePort();
        Files.writeString(home.resolve("alertmanager.yml"), ScaledDurations.divide(Files.readString(CONTRIB.resolve("alertmanager/alertmanager.yml")),
                SPEED_UP).replace("http://127.0.0.1:9095/", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/"));
        Files.writeString(home.resolve("rules.yml"), ScaledDurations.divide(Files.readString(CONTRIB.resolve("prometheus/backlane-slo-rules.yml")),
                SPEED_UP));
        URI target = URI.create(backlane.endpoint());
        Files.writeString(home.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ["%s"]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: backlane
                    metrics_path: /_backlane/metrics
                    static_configs:
                      - targets: ["%s:%d"]
                """.formatted(home.resolve("rules.yml"), alertmanagerPort, target.getHost(), target.getPort()));
        List<Process> processes = new ArrayList<>();
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        Thread traffic = new Thread(() -> callEvery50Millis(calling, calls), "s3-traffic");
        try {
            processes.add(start(home.resolve("alertmanager.log"), alertmanager.executable().toString(),
                    "--config.file=" + home.resolve("alertmanager.yml"), "--storage.path=" + home.resolve("alertmanager"),
                    "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address="));
            processes.add(start(home.resolve("prometheus.log"), prometheus.executable().toString(), "--config.file=" + home.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + home.resolve("prometheus"), "--web.listen-address=127.0.0.1:" + prometheusPort));
            traffic.start();
            // Healthy traffic first, so the error ratios have calls to divide by.
            awaitSeries(prometheusPort, "sum(rate(backlane_gateway_requests_total{vpc_endpoint_id=\"" + endpoint + "\",status=\"200\"}[5s])) > 0",
                    Duration.ofSeconds(30));

            ObjectNode fault = WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", "F7").put("duration", "PT2M");
            fault.putObject("scope").put("workloadId", workload.path("workloadId").asText()).put("service", "s3");
            long faultStart = System.nanoTime();
            var created = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/faults", fault.toString());
            assertEquals(201, created.statusCode(), created.body());
            String faultId = WorkloadNetwork.json(created.body()).path("faultId").asText();

            JsonNode page = pages.poll(60, TimeUnit.SECONDS);
            long toPage = System.nanoTime() - faultStart;
            assertTrue(page != null, "no page within 60 s of the fault\n" + logs());
            assertEquals("firing", page.path("status").asText(), page.toString());
            assertEquals("page", page.path("receiver").asText(), page.toString());
            assertEquals(WorkloadNetwork.JSON_MAPPER.createObjectNode().put("alertname", "EndpointErrorBudgetBurn").put("region", "us-east-1")
                    .put("service", "s3"), page.path("groupLabels"), page.toString());
            assertEquals(1, page.path("alerts").size(), page.toString());
            JsonNode alert = page.path("alerts").get(0);
            assertEquals(endpoint, alert.path("labels").path("vpc_endpoint_id").asText(), alert.toString());
            assertEquals("page", alert.path("labels").path("severity").asText(), alert.toString());
            assertEquals("1h/5m", alert.path("labels").path("window").asText(), "14.4x over 1h and 5m: " + alert);
            assertTrue(alert.path("annotations").path("summary").asText().contains(endpoint), alert.toString());
            System.out.printf("PrometheusAlertingIT: fault to page %.1f s (rules' durations / %d)%n", toPage / 1e9, SPEED_UP);

            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
            long faultEnd = System.nanoTime();
            JsonNode resolved = pages.poll(75, TimeUnit.SECONDS);
            assertTrue(resolved != null, "the page was not resolved within 75 s of the fault's end\n" + logs());
            assertEquals("resolved", resolved.path("status").asText(), "one page, not repeated, then its resolution: " + resolved);
            assertEquals(page.path("groupKey"), resolved.path("groupKey"), resolved.toString());
            assertEquals("resolved", resolved.path("alerts").get(0).path("status").asText(), resolved.toString());
            System.out.printf("PrometheusAlertingIT: fault's end to resolution %.1f s; %d calls%n", (System.nanoTime() - faultEnd) / 1e9, calls.get());
            assertTrue(pages.isEmpty(), pages.toString());
        } finally {
            calling.set(false);
            traffic.join(10_000);
            for (Process process : processes) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            receiver.stop(0);
        }
    }

    @Test
    void everyDashboardQueryIsPromqlOverSeriesBacklaneExports() throws Exception {
        try (S3Client s3 = s3()) {
            s3.getObjectAsBytes(request -> request.bucket("orders").key("today"));
        }
        WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
        Set<String> exported = new TreeSet<>();
        String scrape = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/metrics", null).body();
        Matcher series = Pattern.compile("^(?:# TYPE )?([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE).matcher(scrape);
        while (series.find()) {
            exported.add(series.group(1));
        }
        Set<String> known = new TreeSet<>(exported);
        known.add("ALERTS");
        // Prometheus's Java client writes a family once it has a sample: these need PrivateLink connections to an endpoint
        // service, drops or resets, which this class's traffic (S3 calls through an interface endpoint) does not make.
        known.addAll(List.of("backlane_privatelink_endpoint_packets_dropped_total", "backlane_privatelink_endpoint_rst_packets_received_total",
                "backlane_privatelink_endpoint_active_connections", "backlane_privatelink_service_new_connections_total",
                "backlane_privatelink_service_bytes_processed_total", "backlane_privatelink_service_rst_packets_sent_total",
                "backlane_privatelink_service_active_connections"));
        Matcher recorded = Pattern.compile("- record: (\\S+)").matcher(Files.readString(CONTRIB.resolve("prometheus/backlane-slo-rules.yml")));
        while (recorded.find()) {
            known.add(recorded.group(1));
        }
        assertEquals(Set.of("backlane_gateway_request_duration_seconds_bucket", "backlane_dns_answers_total"), PromqlNames.of(
                "histogram_quantile(0.95, sum by (service, le) (rate(backlane_gateway_request_duration_seconds_bucket{service=~\"a(b)\"}[5m])))"
                        + " / on (service) group_left sum without (x) (backlane_dns_answers_total offset 1h)"), "the names a query selects");
        List<String> expressions = new ArrayList<>();
        for (String name : List.of("executive", "on-call", "debug")) {
            JsonNode dashboard = WorkloadNetwork.json(Files.readString(CONTRIB.resolve("grafana/backlane-" + name + ".json")));
            assertEquals("backlane-" + name, dashboard.path("uid").asText());
            assertEquals("DS_PROMETHEUS", dashboard.path("__inputs").get(0).path("name").asText(), "importable with a data source asked for");
            assertTrue(dashboard.path("panels").size() >= 6, name + " has its panels");
            for (JsonNode panel : dashboard.path("panels")) {
                assertEquals("${DS_PROMETHEUS}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertTrue(panel.path("targets").size() > 0, panel.path("title").asText());
                panel.path("targets").forEach(queryTarget -> expressions.add(queryTarget.path("expr").asText()));
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                Matcher labelValues = Pattern.compile("label_values\\((\\w+),").matcher(variable.path("definition").asText());
                assertTrue(labelValues.find(), variable.toString());
                assertTrue(exported.contains(labelValues.group(1)), variable.toString());
            }
        }
        for (String expression : expressions) {
            Set<String> names = PromqlNames.of(expression);
            assertTrue(!names.isEmpty(), expression);
            for (String name : names) {
                assertTrue(known.contains(name), name + " of " + expression + " is not in Backlane's scrape: " + exported);
            }
        }
        // promtool parses each query as a recording rule, with Grafana's variables given values.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            String expression = expressions.get(i).replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$region", ".*")
                    .replace("$service", ".*");
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
                    .append(WorkloadNetwork.JSON_MAPPER.writeValueAsString(expression)).append('\n');
        }
        Files.writeString(home.resolve("dashboard-queries.yml"), rules);
        ExternalProgram.Result promtool = ExternalProgram.require("promtool").run(home, Map.of(), Duration.ofSeconds(30),
                List.of("check", "rules", home.resolve("dashboard-queries.yml").toString()));
        assertEquals(0, promtool.exitCode(), promtool.describe());
        assertTrue(promtool.stdout().contains("SUCCESS: " + expressions.size() + " rules found"), promtool.describe());
    }

    /** The workload's S3 calls through its gateway, 20 a second, failures counted by the metrics and ignored here. */
    private static void callEvery50Millis(AtomicBoolean calling, AtomicInteger calls) {
        try (S3Client s3 = s3()) {
            while (calling.get()) {
                try {
                    s3.getObjectAsBytes(request -> request.bucket("orders").key("today"));
                } catch (RuntimeException throttled) {
                    // SlowDown while the fault is on: that is the point.
                }
                calls.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static S3Client s3() {
        return WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id());
    }

    private static void awaitSeries(int prometheusPort, String query, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                var response = WorkloadNetwork.admin("http://127.0.0.1:" + prometheusPort, "GET",
                        "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
                last = response.body();
                if (response.statusCode() == 200 && WorkloadNetwork.json(last).path("data").path("result").size() > 0) {
                    return;
                }
            } catch (java.io.UncheckedIOException notYetListening) {
                last = notYetListening.getMessage();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus had no series for " + query + " in " + limit + ": " + last + "\n" + logs());
    }

    private static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String logs() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("prometheus.log", "alertmanager.log")) {
            try {
                out.append("--- ").append(name).append(" ---\n").append(Files.readString(home.resolve(name)));
            } catch (IOException e) {
                out.append(e);
            }
        }
        return out.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
