package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.alert.AlertConfig;
import dev.backlane.server.traffic.Upstreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The shipped burn-rate alerts on a clock 2,000 times faster (--alert-time-scale: the 1h/5m page reads 1.8 s and
 * 150 ms): S3 calls through a workload's gateway and its S3 gateway endpoint, then an F7 fault throttling them
 * (SlowDown, 503). The page arrives once at a webhook receiver (a JDK HttpServer), in Alertmanager's format, grouped by
 * region and service, then the ticket; both resolve once the fault is removed and the calls succeed again.
 */
class AlertsIT {
    private static final long TIME_SCALE = 2000;
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final Receiver RECEIVER = Receiver.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint())))
            .withAlerting(AlertConfig.standard().withWebhooks(List.of(RECEIVER.url())).withTimeScale(TIME_SCALE)));

    private static final String BUCKET = "alerted";
    private static final String ALLOW_ALL = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}
            """;

    @BeforeAll
    static void seed() {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket(BUCKET));
            direct.putObject(request -> request.bucket(BUCKET).key("k"), RequestBody.fromString("v"));
        }
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
        S3_UPSTREAM.close();
    }

    @Test
    void aThrottlingFaultPagesOnceGroupedThenTicketsAndBothResolveWhenItEnds() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 83);
        String endpoint = network.s3GatewayEndpoint(ALLOW_ALL);
        JsonNode workload = network.workload(backlane);
        JsonNode quiet = alerts();
        assertEquals(18, quiet.path("rules").size(), quiet.path("rules").toString());
        assertEquals(2000, quiet.path("timeScale").asLong());
        assertEquals(0, quiet.path("firing").asLong());

        try (GetObjectLoop traffic = new GetObjectLoop(URI.create(workload.path("endpointUrl").asText()), network.account.id(), BUCKET, "k")) {
            waitFor("healthy calls", () -> traffic.succeeded.get() >= 20, Duration.ofSeconds(20));
            // The gateway throttles the workload's S3 calls: every one is a SlowDown 503, a failure of M3.
            String body = WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", "F7").set("scope", WorkloadNetwork.JSON_MAPPER
                    .createObjectNode().put("workloadId", workload.path("workloadId").asText()).put("service", "s3")).toString();
            long faultAt = System.nanoTime();
            HttpResponse<String> created = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/faults", body);
            assertEquals(201, created.statusCode(), created.body());
            String faultId = WorkloadNetwork.json(created.body()).path("faultId").asText();

            JsonNode page = RECEIVER.await(payload -> payload.path("receiver").asText().equals("page"), Duration.ofSeconds(20));
            long paged = System.nanoTime();
            long toPage = paged - faultAt;
            long fromFirstFailure = paged - traffic.firstFailed.get();
            // Real milliseconds: the SDK's and the gateway's latencies are not scaled, so they are not minutes times the scale.
            System.out.printf("AlertsIT: fault to page %d ms, %d ms from the first throttled answer (time scale %d); %d calls throttled by then%n",
                    TimeUnit.NANOSECONDS.toMillis(toPage), TimeUnit.NANOSECONDS.toMillis(fromFirstFailure), TIME_SCALE, traffic.failed.get());
            JsonNode ticket = RECEIVER.await(payload -> payload.path("receiver").asText().equals("ticket"), Duration.ofSeconds(20));
            JsonNode firing = alerts();
            assertEquals(2, firing.path("firing").asLong(), firing.toString());
            BacklaneCli.Result cli = BacklaneCli.run("alerts", "--fail-on-firing", "--endpoint-url", backlane.endpoint());
            assertEquals(1, cli.exitCode(), cli.err());
            assertTrue(cli.out().contains("firing   page    EndpointErrorBudgetBurn") && cli.out().contains(endpoint), cli.out());

            assertEquals(200, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
            long healthyAgain = traffic.succeeded.get();
            RECEIVER.await(payload -> payload.path("receiver").asText().equals("page") && payload.path("status").asText().equals("resolved"),
                    Duration.ofSeconds(20));
            RECEIVER.await(payload -> payload.path("receiver").asText().equals("ticket") && payload.path("status").asText().equals("resolved"),
                    Duration.ofSeconds(30));
            assertTrue(traffic.succeeded.get() > healthyAgain, "the calls succeed again");

            assertPayload(page, "page", endpoint, "firing");
            assertPayload(ticket, "ticket", endpoint, "firing");
            List<JsonNode> pages = RECEIVER.received("page");
            assertEquals(2, pages.size(), "one page, one resolution: " + pages);
            JsonNode resolved = pages.get(1);
            assertPayload(resolved, "page", endpoint, "resolved");
            assertEquals(page.path("alerts").get(0).path("fingerprint"), resolved.path("alerts").get(0).path("fingerprint"));
            assertEquals(page.path("alerts").get(0).path("startsAt"), resolved.path("alerts").get(0).path("startsAt"));
            assertEquals(2, RECEIVER.received("ticket").size(), RECEIVER.received("ticket").toString());
        }
        JsonNode after = alerts();
        assertEquals(0, after.path("firing").asLong(), after.toString());
        assertEquals(2, after.path("resolved").size());
        JsonNode delivery = after.path("delivery").path("webhooks").get(0);
        assertEquals(4, delivery.path("delivered").asLong(), delivery.toString());
        assertEquals(0, delivery.path("dropped").asLong());
        assertEquals(0, BacklaneCli.run("alerts", "--fail-on-firing", "--endpoint-url", backlane.endpoint()).exitCode());
    }

    @Test
    void theAdminCallTakesNoParametersAndOnlyGet() {
        HttpResponse<String> parameters = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/alerts?state=firing", null);
        assertEquals(400, parameters.statusCode());
        assertTrue(parameters.body().contains("takes no parameters"), parameters.body());
        assertEquals(405, WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/alerts", "{}").statusCode());
    }

    private static void assertPayload(JsonNode payload, String severity, String endpoint, String status) {
        assertEquals("4", payload.path("version").asText());
        assertEquals(status, payload.path("status").asText(), payload.toString());
        assertEquals("{}/{severity=\"" + severity + "\"}:{region=\"us-east-1\", service=\"s3\"}", payload.path("groupKey").asText());
        assertEquals("us-east-1", payload.path("groupLabels").path("region").asText());
        assertEquals("s3", payload.path("groupLabels").path("service").asText());
        assertEquals(backlane.endpoint(), payload.path("externalURL").asText());
        assertEquals(1, payload.path("alerts").size(), "deduped: one alert for the endpoint whichever rules hold: " + payload);
        JsonNode alert = payload.path("alerts").get(0);
        assertEquals(status, alert.path("status").asText());
        assertEquals("EndpointErrorBudgetBurn", alert.path("labels").path("alertname").asText());
        assertEquals(severity, alert.path("labels").path("severity").asText());
        assertEquals(endpoint, alert.path("labels").path("endpoint").asText());
        assertEquals("M3", alert.path("labels").path("indicator").asText());
        assertEquals(payload.path("commonLabels"), alert.path("labels"));
        assertTrue(alert.path("fingerprint").asText().matches("[0-9a-f]{16}"));
        assertTrue(alert.path("annotations").path("description").asText().startsWith("M3 error budget (0.001) burning "),
                alert.path("annotations").toString());
        assertEquals(status.equals("firing"), alert.path("endsAt").asText().equals("0001-01-01T00:00:00Z"), alert.toString());
        assertEquals(backlane.endpoint() + "/_backlane/sli?window=1h&endpoint=" + endpoint, alert.path("generatorURL").asText());
    }

    private static JsonNode alerts() {
        HttpResponse<String> response = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/alerts", null);
        assertEquals(200, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, what + " not within " + limit);
            Thread.sleep(10);
        }
    }

    /** A webhook receiver: every JSON body POSTed to it, in order. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonNode> payloads = new CopyOnWriteArrayList<>();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                Receiver receiver = new Receiver(server);
                server.createContext("/hook", exchange -> {
                    receiver.payloads.add(WorkloadNetwork.json(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        }

        JsonNode await(Predicate<JsonNode> wanted, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                for (JsonNode payload : payloads) {
                    if (wanted.test(payload)) {
                        return payload;
                    }
                }
                assertFalse(System.nanoTime() > deadline, "no such notification within " + limit + "; received " + payloads);
                Thread.sleep(5);
            }
        }

        List<JsonNode> received(String receiver) {
            return payloads.stream().filter(payload -> payload.path("receiver").asText().equals(receiver)).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
