package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The console in a real browser (Debian's chromium, driven by Playwright) after real traffic: S3 calls through a
 * workload's gateway and an interface endpoint, its DNS answered privately, the endpoint probed. Each page shows the
 * numbers the admin endpoints give; the Network page draws the path explain gives; a fault shows on the On-call page.
 * Screenshots of each page are written to {@code target/console-screenshots/} (the README's are copies).
 */
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>shop";
    /** Asked before the endpoint's name, so the DNS timeline's newest answer stays the endpoint's. */
    private static final String UNKNOWN_NAME = "nothing-here.example.com";

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static WorkloadNetwork network;
    private static String endpoint;
    private static JsonNode workload;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void trafficAndBrowser() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("console"));
            direct.putObject(request -> request.bucket("console").key("there"), RequestBody.fromString("here"));
        }
        network = WorkloadNetwork.build(backlane.newAccount(), 95);
        endpoint = network.s3InterfaceEndpoint()[0];
        network.ec2.createTags(request -> request.resources(network.vpc, network.privateSubnet, endpoint)
                .tags(Tag.builder().key("Name").value(HOSTILE_NAME).build()));
        workload = network.workload(backlane);
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            for (int i = 0; i < 6; i++) {
                assertEquals("here", s3.getObjectAsBytes(request -> request.bucket("console").key("there")).asUtf8String());
            }
            try {
                s3.getObjectAsBytes(request -> request.bucket("console").key("missing"));
            } catch (NoSuchKeyException expected) {
                // a 404 in the statuses
            }
        }
        assertEquals(List.of(), WorkloadNetwork.dig(workload, UNKNOWN_NAME), "no such name");
        assertTrue(WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com").stream().allMatch(address -> address.startsWith("10.95.")));
        assertTrue(backlane.server().slis().probes().probeAll() > 0, "the endpoint was probed");
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        S3_UPSTREAM.close();
    }

    /** A fresh page on {@code name}, once its panels are drawn (the page marks the body when a load succeeded). */
    private static Page open(String name) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
        page.navigate(backlane.endpoint() + "/_backlane/ui/#" + name);
        page.waitForSelector("body[data-loaded='" + name + "']");
        return page;
    }

    private static JsonNode admin(String method, String path, String body) {
        var response = WorkloadNetwork.admin(backlane.endpoint(), method, path, body);
        assertTrue(response.statusCode() / 100 == 2, path + ": " + response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static JsonNode report(String kind, String window, String id) {
        for (JsonNode report : admin("GET", "/_backlane/sli?kind=" + kind + "&window=" + window, null).path("reports")) {
            if (report.path("id").asText().equals(id)) {
                return report;
            }
        }
        throw new AssertionError("no " + kind + " report for " + id);
    }

    private static JsonNode indicator(JsonNode report, String id) {
        for (JsonNode indicator : report.path("indicators")) {
            if (indicator.path("id").asText().equals(id)) {
                return indicator;
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    private static long calls(JsonNode report) {
        long sum = 0;
        for (JsonNode count : report.path("statuses")) {
            sum += count.asLong();
        }
        return sum;
    }

    /** The row of {@code panel}'s table whose first cell is {@code key}. */
    private static Locator row(Page page, String panel, String key) {
        return page.locator("#" + panel + " tr").filter(new Locator.FilterOptions().setHasText(key)).first();
    }

    @Test
    void theDashboardsShowTheNumbersTheAdminEndpointsGive() throws Exception {
        JsonNode m1 = indicator(report("endpoint", "1h", endpoint), "M1");
        assertEquals(1.0, m1.path("value").asDouble(), m1.toString());
        Page executive = open("executive");
        String availability = row(executive, "exec-availability", WorkloadNetwork.S3).innerText();
        assertTrue(availability.contains("100 %") && availability.contains(m1.path("objective").asText()), "the endpoint's M1: " + availability);
        double cost = admin("POST", "/_backlane/cost", "{}").path("scopes").findValues("components").stream()
                .flatMap(components -> StreamSupport.stream(components.spliterator(), false))
                .filter(component -> component.path("id").asText().equals(endpoint)).findFirst().orElseThrow().path("total").asDouble();
        assertTrue(row(executive, "exec-cost", endpoint).innerText().contains(String.format(Locale.ROOT, "$%.2f", cost)),
                row(executive, "exec-cost", endpoint).innerText());
        JsonNode m2 = indicator(report("vpc", "1h", network.vpc), "M2");
        assertEquals(1.0, m2.path("value").asDouble(), m2.toString());
        assertTrue(row(executive, "exec-private", network.vpc).innerText().contains("100 %"));
        JsonNode trend = admin("GET", "/_backlane/trends?window=1h", null);
        JsonNode now = trend.path("points").get(trend.path("points").size() - 1);
        assertEquals(7, now.path("calls").asLong(), "the six 200s and the 404 are in the last five minutes: " + now);
        assertTrue(now.path("p95Millis").path("s3").asDouble() > 0, now.toString());
        double hourlyOnly = StreamSupport.stream(admin("POST", "/_backlane/cost", "{\"defaultGbPerMonth\": 0}").path("scopes").spliterator(), false)
                .mapToDouble(scope -> scope.path("total").asDouble()).sum();
        assertEquals(hourlyOnly, trend.path("points").get(0).path("monthlyCost").asDouble(), 1e-3, "a step without traffic costs the hours");
        assertTrue(now.path("monthlyCost").asDouble() > hourlyOnly, "the last step's traffic costs its GB too: " + now);
        long withCalls = StreamSupport.stream(trend.path("points").spliterator(), false).filter(point -> point.path("p95Millis").has("s3")).count();
        assertEquals(withCalls, executive.locator("#exec-trend-latency circle.point[data-series='s3']").count(), "a point per step with calls");
        assertEquals(12, executive.locator("#exec-trend-cost circle.point").count());
        assertTrue(executive.locator("#exec-trend-cost-last").innerText().contains(String.format(Locale.ROOT, "$%.2f",
                now.path("monthlyCost").asDouble())), executive.locator("#exec-trend-cost-last").innerText());
        executive.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-executive.png")).setFullPage(true));

        Page oncall = open("oncall");
        long recent = calls(report("endpoint", "5m", endpoint));
        assertEquals(7, recent, "six 200s and a 404");
        String rates = row(oncall, "oncall-rates", endpoint).innerText();
        assertTrue(rates.contains("\t7\t") && rates.contains(String.format(Locale.ROOT, "%.2f %%", 100.0 / 7)), rates);
        JsonNode failed = StreamSupport.stream(admin("GET", "/_backlane/events?kind=dns&limit=1000", null).path("events").spliterator(), false)
                .filter(event -> event.path("name").asText().equals(UNKNOWN_NAME + ".")).findFirst().orElseThrow();
        assertEquals("NXDOMAIN", failed.path("rcode").asText(), failed.toString());
        String failure = row(oncall, "oncall-dns-failures", UNKNOWN_NAME + ".").innerText();
        assertTrue(failure.contains("NXDOMAIN") && failure.contains(network.vpc) && failure.contains("\tA\t"), failure);
        assertEquals(0, row(oncall, "oncall-dns-failures", "s3.us-east-1.amazonaws.com").count(), "a NOERROR answer is no failure");

        Page debug = open("debug");
        String workloadId = workload.path("workloadId").asText();
        String calls = row(debug, "debug-workloads", workloadId).innerText();
        assertTrue(calls.contains("\t" + calls(report("workload", "1h", workloadId)) + "\t"), calls);
        assertTrue(calls.contains("200×6") && calls.contains("404×1"), calls);
        assertTrue(row(debug, "debug-provisioning", endpoint).innerText().contains("available"));
        debug.selectOption("#dns-vpc", network.vpc);
        debug.click("#dns-form button");
        debug.waitForSelector("#debug-dns table");
        String answer = row(debug, "debug-dns", "s3.us-east-1.amazonaws.com").innerText();
        assertTrue(answer.contains("\t10.95."), "the endpoint's private address, as dig got it: " + answer);
        JsonNode queries = admin("GET", "/_backlane/events?kind=dns&limit=5", null);
        JsonNode asked = queries.path("events").get(queries.path("events").size() - 1);
        assertEquals("s3.us-east-1.amazonaws.com.", asked.path("name").asText(), queries.toString());
        assertEquals(60, asked.path("answers").get(0).path("ttl").asInt(), asked.toString());
        String timeline = row(debug, "debug-dns-timeline", "s3.us-east-1.amazonaws.com.").innerText();
        assertTrue(timeline.contains("NOERROR") && timeline.contains(asked.path("answers").get(0).path("rdata").asText() + " (60 s)"), timeline);
        JsonNode interfaces = StreamSupport.stream(admin("GET", "/_backlane/ui/api/topology", null).findValues("endpoints").spliterator(), false)
                .flatMap(list -> StreamSupport.stream(list.spliterator(), false))
                .filter(one -> one.path("vpcEndpointId").asText().equals(endpoint)).findFirst().orElseThrow().path("networkInterfaces");
        assertEquals(1, interfaces.size(), interfaces.toString());
        String eni = row(debug, "debug-enis", interfaces.get(0).path("networkInterfaceId").asText()).innerText();
        assertTrue(eni.contains(endpoint) && eni.contains(network.privateSubnet) && eni.contains("in-use") && eni.contains(" s"), eni);
        long resetOrDropped = StreamSupport.stream(admin("GET", "/_backlane/events?kind=gateway&limit=1000", null).path("events").spliterator(), false)
                .filter(event -> List.of("RESET", "STALLED", "BLOCKED_WITH_ERROR", "UPSTREAM_FAILED").contains(event.path("outcome").asText())).count();
        assertEquals(0, resetOrDropped, "every call was forwarded");
        assertTrue(debug.locator("#debug-resets").innerText().startsWith("No request was reset or dropped among the newest"),
                debug.locator("#debug-resets").innerText());
        debug.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-debug.png")).setFullPage(true));
        for (Page page : List.of(executive, oncall, debug)) {
            page.close();
        }
    }

    @Test
    void theNetworkPageDrawsThePathExplainGives() throws Exception {
        Page page = open("network");
        assertEquals(1, page.locator("#network-svg circle.endpoint.health-ok[data-id='" + endpoint + "']").count(), "M1 is met");
        page.selectOption("#path-workload", workload.path("workloadId").asText());
        page.fill("#path-to", "s3.us-east-1.amazonaws.com");
        page.click("#path-form button");
        page.waitForSelector("#network-svg .hop");

        JsonNode explained = admin("POST", "/_backlane/explain", WorkloadNetwork.JSON_MAPPER.createObjectNode()
                .put("account", network.account.id()).put("region", "us-east-1").put("from", workload.path("networkInterfaceId").asText())
                .put("to", "s3.us-east-1.amazonaws.com").put("port", 443).toString());
        assertEquals("PRIVATE", explained.path("verdict").asText());
        long forward = StreamSupport.stream(explained.path("hops").spliterator(), false)
                .filter(hop -> !hop.path("returnPath").asBoolean()).count();
        assertEquals(forward, page.locator("#network-svg .hop").count(), "one mark per hop");
        assertEquals(forward, page.locator("#path-result li.hop-item").count());
        assertTrue(page.locator("#network-svg .hop[data-hop='" + endpoint + "']").count() > 0, "the endpoint is a hop on the drawing");
        assertEquals(1, page.locator("#network-svg path.path").count());
        assertTrue(page.locator("#path-verdict").innerText().startsWith("PRIVATE via " + endpoint), page.locator("#path-verdict").innerText());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-network.png")).setFullPage(true));
        page.close();
    }

    @Test
    void everyPageShowsAHostileNameAsTextAndRunsNoScriptFromIt() {
        for (String name : List.of("executive", "oncall", "debug", "network")) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1400, 1000));
            AtomicInteger dialogs = new AtomicInteger();
            page.onDialog(dialog -> {
                dialogs.incrementAndGet();
                dialog.dismiss();
            });
            page.navigate(backlane.endpoint() + "/_backlane/ui/#" + name);
            page.waitForSelector("body[data-loaded='" + name + "']");
            assertEquals(0, page.locator("img").count(), name + ": the Name tag is never parsed as HTML");
            assertEquals(0, dialogs.get(), name + ": its onerror never ran");
            assertFalse(page.content().contains(HOSTILE_NAME), name + ": the page's markup holds the name only escaped");
            switch (name) {
                case "oncall" -> assertTrue(row(page, "oncall-subnets", HOSTILE_NAME).innerText().contains(HOSTILE_NAME), "the subnet's name");
                case "debug" -> {
                    assertTrue(row(page, "debug-provisioning", endpoint).innerText().contains(HOSTILE_NAME), "the endpoint's name");
                    assertTrue(page.locator("#dns-vpc option").allInnerTexts().stream().anyMatch(text -> text.contains(HOSTILE_NAME)), "the VPC's");
                }
                case "network" -> assertTrue(page.locator("#network-svg text").filter(new Locator.FilterOptions().setHasText(HOSTILE_NAME))
                        .count() > 0, "drawn as text");
                default -> {
                    // The executive page names services and endpoint IDs, not tags.
                }
            }
            page.close();
        }
    }

    @Test
    void anActiveFaultShowsOnTheOnCallPage() throws Exception {
        // Throttling (F7) acts on calls only, so the synthetic probes the other tests read stay successful whenever they run.
        JsonNode fault = admin("POST", "/_backlane/faults", "{\"kind\": \"F7\", \"scope\": {\"vpcEndpointId\": \"" + endpoint + "\"}}");
        String faultId = fault.path("faultId").asText();
        try {
            Page page = open("oncall");
            String shown = row(page, "oncall-faults", faultId).innerText();
            JsonNode alerts = admin("GET", "/_backlane/alerts", null);
            assertEquals(0, alerts.path("firing").asLong(), "a few calls a minute ago fire nothing yet (for: 2m): " + alerts);
            assertEquals("No alert is firing.", page.locator("#oncall-alerts").innerText().trim(), "the panel reads /_backlane/alerts");
            assertTrue(shown.contains("F7") && shown.contains(endpoint) && shown.contains("active"), shown);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-oncall.png")).setFullPage(true));
            page.close();
        } finally {
            admin("DELETE", "/_backlane/faults/" + faultId, null);
        }
    }
}
