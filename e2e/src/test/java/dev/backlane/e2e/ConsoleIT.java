package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        network.ec2.createTags(request -> request.resources(network.vpc).tags(Tag.builder().key("Name").value(HOSTILE_NAME).build()));
        endpoint = network.s3InterfaceEndpoint()[0];
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
                .flatMap(components -> java.util.stream.StreamSupport.stream(components.spliterator(), false))
                .filter(component -> component.path("id").asText().equals(endpoint)).findFirst().orElseThrow().path("total").asDouble();
        assertTrue(row(executive, "exec-cost", endpoint).innerText().contains(String.format(Locale.ROOT, "$%.2f", cost)),
                row(executive, "exec-cost", endpoint).innerText());
        JsonNode m2 = indicator(report("vpc", "1h", network.vpc), "M2");
        assertEquals(1.0, m2.path("value").asDouble(), m2.toString());
        assertTrue(row(executive, "exec-private", network.vpc).innerText().contains("100 %"));
        executive.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-executive.png")).setFullPage(true));

        Page oncall = open("oncall");
        long recent = calls(report("endpoint", "5m", endpoint));
        assertEquals(7, recent, "six 200s and a 404");
        String rates = row(oncall, "oncall-rates", endpoint).innerText();
        assertTrue(rates.contains("\t7\t") && rates.contains(String.format(Locale.ROOT, "%.2f %%", 100.0 / 7)), rates);

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
        debug.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-debug.png")).setFullPage(true));
        for (Page page : List.of(executive, oncall, debug)) {
            page.close();
        }
    }

    @Test
    void theNetworkPageDrawsThePathExplainGivesAndEscapesNames() throws Exception {
        Page page = open("network");
        assertEquals(1, page.locator("#network-svg circle.endpoint.health-ok[data-id='" + endpoint + "']").count(), "M1 is met");
        assertTrue(page.locator("#network-svg text").filter(new Locator.FilterOptions().setHasText(HOSTILE_NAME)).count() > 0,
                "the Name tag is shown as text");
        assertEquals(0, page.locator("img").count(), "and never parsed as HTML");
        page.selectOption("#path-workload", workload.path("workloadId").asText());
        page.fill("#path-to", "s3.us-east-1.amazonaws.com");
        page.click("#path-form button");
        page.waitForSelector("#network-svg .hop");

        JsonNode explained = admin("POST", "/_backlane/explain", WorkloadNetwork.JSON_MAPPER.createObjectNode()
                .put("account", network.account.id()).put("region", "us-east-1").put("from", workload.path("networkInterfaceId").asText())
                .put("to", "s3.us-east-1.amazonaws.com").put("port", 443).toString());
        assertEquals("PRIVATE", explained.path("verdict").asText());
        long forward = java.util.stream.StreamSupport.stream(explained.path("hops").spliterator(), false)
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
    void anActiveFaultShowsOnTheOnCallPage() throws Exception {
        JsonNode fault = admin("POST", "/_backlane/faults", "{\"kind\": \"F2\", \"scope\": {\"vpcEndpointId\": \"" + endpoint + "\"}}");
        String faultId = fault.path("faultId").asText();
        try {
            Page page = open("oncall");
            String shown = row(page, "oncall-faults", faultId).innerText();
            assertTrue(shown.contains("F2") && shown.contains(endpoint) && shown.contains("active"), shown);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-oncall.png")).setFullPage(true));
            page.close();
        } finally {
            admin("DELETE", "/_backlane/faults/" + faultId, null);
        }
    }
}
