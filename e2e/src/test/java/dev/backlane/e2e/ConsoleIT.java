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
import dev.backlane.server.alert.AlertConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The console in a real browser (Debian's chromium, driven by Playwright) after real traffic: S3 calls through a
 * workload's gateway and an interface endpoint, its DNS answered privately, the endpoint probed. Each page shows the
 * numbers the admin endpoints give, its lines over time drawn by uPlot; the Network page draws the path explain gives;
 * a fault that fires the burn-rate page (on a clock 2,000 times faster, as AlertsIT's) shows on the On-call page, and
 * calls it blocks on the Debug page's resets and drops. That test runs last, so the others see only the first calls.
 * Screenshots of each page are written to {@code target/console-screenshots/} (the README's are copies).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>shop";
    /** Asked before the endpoint's name, so the DNS timeline's newest answer stays the endpoint's. */
    private static final String UNKNOWN_NAME = "nothing-here.example.com";

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR)
            .withAlerting(AlertConfig.standard().withTimeScale(2000)));

    private static WorkloadNetwork network;
    private static String endpoint;
    private static JsonNode workload;
    /** An S3 interface endpoint in us-west-2, so that the Executive page has two regions. */
    private static String westEndpoint;
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
        Ec2Client west = backlane.ec2(network.account.id(), Region.US_WEST_2);
        String westVpc = west.describeVpcs(request -> request.filters(filter -> filter.name("is-default").values("true"))).vpcs().get(0).vpcId();
        String westSubnet = west.describeSubnets(request -> request.filters(filter -> filter.name("vpc-id").values(westVpc))).subnets().get(0).subnetId();
        westEndpoint = west.createVpcEndpoint(request -> request.vpcId(westVpc).serviceName("com.amazonaws.us-west-2.s3")
                .vpcEndpointType("Interface").subnetIds(westSubnet)).vpcEndpoint().vpcEndpointId();
        waitFor(westEndpoint + " available", () -> west.describeVpcEndpoints(request -> request.vpcEndpointIds(westEndpoint)).vpcEndpoints()
                .get(0).stateAsString().equals("available"));
        assertTrue(backlane.server().slis().probes().probeAll() > 1, "both endpoints were probed");
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

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, what + " not within 20 s");
            Thread.sleep(20);
        }
    }

    /**
     * What uPlot holds in {@code panel} and drew on its canvas: the canvas's size, and per series its label, its values
     * (null for a gap) and how many pixels of the canvas are in the series' colour.
     */
    private static JsonNode plotted(Page page, String panel) {
        page.waitForFunction("id => Backlane.plots[id] && document.querySelector('#' + id + ' canvas')", panel);
        return WorkloadNetwork.json((String) page.evaluate("""
                id => {
                  const plot = Backlane.plots[id], canvas = document.querySelector('#' + id + ' canvas');
                  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                  const inked = colour => {
                    const [r, g, b] = [1, 3, 5].map(at => parseInt(colour.slice(at, at + 2), 16));
                    let count = 0;
                    for (let i = 0; i < pixels.length; i += 4) {
                      if (pixels[i + 3] === 255 && Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) <= 24) count++;
                    }
                    return count;
                  };
                  return JSON.stringify({ width: canvas.width, height: canvas.height, series: plot.series.slice(1).map((series, index) =>
                    ({ label: series.label, values: plot.data[index + 1], pixels: inked(Backlane.PALETTE[index]) })) });
                }""", panel));
    }

    private static List<Double> values(JsonNode series) {
        List<Double> values = new ArrayList<>();
        series.path("values").forEach(value -> values.add(value.isNull() ? null : value.asDouble()));
        return values;
    }

    /** The row of {@code panel}'s table whose first cell is {@code key}. */
    private static Locator row(Page page, String panel, String key) {
        return page.locator("#" + panel + " tr").filter(new Locator.FilterOptions().setHasText(key)).first();
    }

    @Test
    @Order(1)
    void theDashboardsShowTheNumbersTheAdminEndpointsGive() throws Exception {
        JsonNode m1 = indicator(report("endpoint", "1h", endpoint), "M1");
        assertEquals(1.0, m1.path("value").asDouble(), m1.toString());
        Page executive = open("executive");
        String availability = row(executive, "exec-availability", WorkloadNetwork.S3).innerText();
        assertTrue(availability.startsWith("us-east-1\t" + WorkloadNetwork.S3 + "\t1\t100 %") && availability.contains(m1.path("objective").asText()),
                "the endpoint's M1: " + availability);
        JsonNode westM1 = indicator(report("endpoint", "1h", westEndpoint), "M1");
        String western = row(executive, "exec-availability", "com.amazonaws.us-west-2.s3").innerText();
        assertTrue(western.startsWith("us-west-2\tcom.amazonaws.us-west-2.s3\t1\t" + String.format(Locale.ROOT, "%.0f %%",
                100 * westM1.path("value").asDouble())), "a row per region and service: " + western + " for " + westM1);
        assertEquals(2, executive.locator("#exec-availability svg rect.bar").count(), "a bar per region and service");
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
        JsonNode latency = plotted(executive, "exec-trend-latency").path("series");
        assertEquals(1, latency.size(), "a line per service: " + latency);
        assertEquals("s3", latency.get(0).path("label").asText());
        List<Double> p95 = values(latency.get(0));
        assertEquals(12, p95.size(), "a value per step, null where it had no calls");
        for (int i = 0; i < 12; i++) {
            JsonNode point = trend.path("points").get(i);
            if (point.path("p95Millis").has("s3")) {
                assertEquals(point.path("p95Millis").path("s3").asDouble(), p95.get(i), 1e-9, "step " + i);
            } else {
                assertEquals(null, p95.get(i), "step " + i + " had no calls: a gap");
            }
        }
        assertTrue(latency.get(0).path("pixels").asLong() > 0, "the line is drawn on the canvas: " + latency);
        JsonNode costLine = plotted(executive, "exec-trend-cost");
        assertTrue(costLine.path("width").asInt() > 300 && costLine.path("height").asInt() > 100, costLine.toString());
        List<Double> months = values(costLine.path("series").get(0));
        assertEquals(12, months.stream().filter(value -> value != null).count(), "every step has a cost");
        assertEquals(now.path("monthlyCost").asDouble(), months.get(11), 1e-9);
        assertTrue(costLine.path("series").get(0).path("pixels").asLong() > 0, costLine.toString());
        assertTrue(executive.locator("#exec-trend-cost-last").innerText().contains(String.format(Locale.ROOT, "$%.2f",
                now.path("monthlyCost").asDouble())), executive.locator("#exec-trend-cost-last").innerText());
        executive.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-executive.png")).setFullPage(true));

        Page oncall = open("oncall");
        long recent = calls(report("endpoint", "5m", endpoint));
        assertEquals(7, recent, "six 200s and a 404");
        String table = row(oncall, "oncall-rates", endpoint).innerText();
        assertTrue(table.contains("\t7\t") && table.contains(String.format(Locale.ROOT, "%.2f %%", 100.0 / 7)), table);
        JsonNode failed = StreamSupport.stream(admin("GET", "/_backlane/events?kind=dns&limit=1000", null).path("events").spliterator(), false)
                .filter(event -> event.path("name").asText().equals(UNKNOWN_NAME + ".")).findFirst().orElseThrow();
        assertEquals("NXDOMAIN", failed.path("rcode").asText(), failed.toString());
        JsonNode rates = plotted(oncall, "oncall-trend-rates").path("series");
        assertEquals(2, rates.size(), rates.toString());
        assertEquals(1.0 / 7, values(rates.get(0)).get(11), 1e-9, "the 404 among the seven calls of the last step: " + rates);
        assertEquals(0.0, values(rates.get(1)).get(11), 1e-9, "no 429");
        assertEquals(null, values(rates.get(0)).get(0), "a step without calls has no rate");
        assertTrue(rates.get(0).path("pixels").asLong() > 0, "the error rate's line is drawn: " + rates);
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
        for (Page page : List.of(executive, oncall, debug)) {
            page.close();
        }
    }

    @Test
    @Order(2)
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
    @Order(3)
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
    @Order(4)
    void aFaultThatFiresThePageShowsOnTheOnCallPageAndTheCallsItBlocksOnTheDebugPage() throws Exception {
        WorkloadNetwork other = WorkloadNetwork.build(backlane.newAccount(), 96);
        String otherEndpoint = other.s3InterfaceEndpoint()[0];
        JsonNode otherWorkload = other.workload(backlane);
        // Throttling (F7) of the other workload's S3 calls: each is a SlowDown 503, a failure of its endpoint's M3.
        String throttling = admin("POST", "/_backlane/faults", WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", "F7")
                .set("scope", WorkloadNetwork.JSON_MAPPER.createObjectNode().put("workloadId", otherWorkload.path("workloadId").asText())
                        .put("service", "s3")).toString()).path("faultId").asText();
        try (GetObjectLoop calls = new GetObjectLoop(URI.create(otherWorkload.path("endpointUrl").asText()), other.account.id(), "console", "there")) {
            waitFor("the page for " + otherEndpoint, () -> firingPage(otherEndpoint) != null);
            Page page = open("oncall");
            String alert = row(page, "oncall-alerts", otherEndpoint).innerText();
            assertTrue(alert.startsWith("EndpointErrorBudgetBurn\tpage\tus-east-1\ts3\t") && alert.contains("endpoint=" + otherEndpoint),
                    "the firing page, as /_backlane/alerts gives it: " + alert + " / " + firingPage(otherEndpoint));
            String fault = row(page, "oncall-faults", throttling).innerText();
            assertTrue(fault.contains("F7") && fault.contains(otherWorkload.path("workloadId").asText()) && fault.contains("active"), fault);
            assertTrue(calls.failed.get() > 0 && calls.succeeded.get() == 0, "every call throttled");
            JsonNode rates = plotted(page, "oncall-trend-rates").path("series");
            assertTrue(values(rates.get(0)).get(11) > 1.0 / 7, "the 503s raise the last step's error rate: " + rates);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-oncall.png")).setFullPage(true));
            page.close();
        } finally {
            admin("DELETE", "/_backlane/faults/" + throttling, null);
        }

        // The endpoint's security groups drop everything (F2): the gateway answers the blocked calls 504 (--blocked-traffic error).
        String dropping = admin("POST", "/_backlane/faults", "{\"kind\": \"F2\", \"scope\": {\"vpcEndpointId\": \"" + otherEndpoint + "\"}}")
                .path("faultId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(otherWorkload.path("endpointUrl").asText()), other.account.id())) {
            for (int i = 0; i < 3; i++) {
                try {
                    s3.getObjectAsBytes(request -> request.bucket("console").key("there"));
                    throw new AssertionError("the endpoint drops every call");
                } catch (S3Exception expected) {
                    assertEquals(504, expected.statusCode());
                }
            }
        } finally {
            admin("DELETE", "/_backlane/faults/" + dropping, null);
        }
        List<JsonNode> blocked = StreamSupport.stream(admin("GET", "/_backlane/events?kind=gateway&limit=1000", null).path("events").spliterator(), false)
                .filter(event -> event.path("workloadId").asText().equals(otherWorkload.path("workloadId").asText())
                        && event.path("outcome").asText().equals("BLOCKED_WITH_ERROR")).toList();
        assertEquals(3, blocked.size(), "the three calls, blocked");
        String why = blocked.get(0).path("explanationCode").asText();
        assertTrue(why.startsWith("FAULT_"), "the fault decided it: " + blocked.get(0));
        Page debug = open("debug");
        String drops = row(debug, "debug-resets", otherWorkload.path("workloadId").asText()).innerText();
        // A call blocked at the endpoint's interface did not go through it (no via) but counts at the endpoint that stopped it.
        assertEquals(List.of(otherEndpoint), blocked.stream().map(event -> event.path("endpoint").asText()).distinct().toList());
        assertTrue(blocked.stream().noneMatch(event -> event.has("via")), blocked.toString());
        assertTrue(drops.startsWith(otherEndpoint + "\t" + otherWorkload.path("workloadId").asText() + "\t0\t0\t3\t0\t" + why + "\t"), drops);
        debug.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-debug.png")).setFullPage(true));
        debug.close();
    }

    /** The firing page alert of {@code endpoint} in {@code /_backlane/alerts}, or null. */
    private static JsonNode firingPage(String endpoint) {
        for (JsonNode alert : admin("GET", "/_backlane/alerts", null).path("alerts")) {
            if (alert.path("state").asText().equals("firing") && alert.path("severity").asText().equals("page")
                    && alert.path("labels").path("endpoint").asText().equals(endpoint)) {
                return alert;
            }
        }
        return null;
    }
}
