package dev.backlane.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.traffic.Workload;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's files and its topology endpoint, over a real socket, on a world made through the EC2 API. */
class ConsoleHttpHandlerTest {
    private final SteppingClock clock = new SteppingClock();
    private final TestApi api = new TestApi(Quotas.awsDefaults(), clock);
    private final List<Workload> workloads = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private ExecutorService executor;
    private ApiPort port;

    @BeforeEach
    void open() throws IOException {
        executor = Executors.newFixedThreadPool(2);
        port = ApiPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(
                new Route(ConsoleHttpHandler.PATH, new ConsoleHttpHandler(api.cloud(), () -> List.copyOf(workloads)), 1024, false)), executor);
    }

    @AfterEach
    void close() {
        port.close();
        executor.shutdownNow();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.address().getPort() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesEachFileWithItsTypeAndRevalidatesWithItsEtag() throws Exception {
        HttpResponse<String> index = get("/_backlane/ui/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(index.body().contains("<title>Backlane console</title>"), index.body());
        assertEquals("text/javascript; charset=utf-8", get("/_backlane/ui/console.js").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/css; charset=utf-8", get("/_backlane/ui/console.css").headers().firstValue("Content-Type").orElseThrow());
        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/_backlane/ui/", "If-None-Match", etag).statusCode());
        assertEquals(200, get("/_backlane/ui/index.html", "If-None-Match", "\"other\"").statusCode());
        HttpResponse<String> bare = get("/_backlane/ui");
        assertEquals(308, bare.statusCode());
        assertEquals("/_backlane/ui/", bare.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void servesTheVendoredChartLibraryWithItsLicenceAndThePageLoadsIt() throws Exception {
        String index = get("/_backlane/ui/").body();
        assertTrue(index.contains("<script src=\"uplot/uPlot.iife.min.js\"></script>") && index.contains("href=\"uplot/uPlot.min.css\""), index);
        assertTrue(index.indexOf("uplot/uPlot.iife.min.js") < index.indexOf("charts.js"), "uPlot is defined before the charts use it");
        HttpResponse<String> library = get("/_backlane/ui/uplot/uPlot.iife.min.js");
        assertEquals(200, library.statusCode());
        assertEquals("text/javascript; charset=utf-8", library.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(library.body().startsWith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */"), "the version NOTICE names");
        assertEquals("text/css; charset=utf-8", get("/_backlane/ui/uplot/uPlot.min.css").headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> licence = get("/_backlane/ui/uplot/LICENSE");
        assertEquals("text/plain; charset=utf-8", licence.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(licence.body().startsWith("The MIT License (MIT)") && licence.body().contains("Leon Sorokin"), licence.body());
        assertEquals(404, get("/_backlane/ui/uplot/uPlot.iife.js").statusCode(), "only the files shipped");
    }

    @Test
    void servesNothingButItsOwnFiles() throws Exception {
        for (String path : List.of("/_backlane/ui/..%2f..%2fpom.xml", "/_backlane/ui/%2e%2e/ConsoleHttpHandler.class",
                "/_backlane/ui/dev/backlane/server/console/index.html", "/_backlane/ui/console.js/../../../etc/passwd",
                "/_backlane/ui/../../etc/passwd", "/_backlane/ui//index.html", "/_backlane/ui/INDEX.HTML", "/_backlane/uix")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 404"), path + ": " + answer);
        }
        String post = raw("POST /_backlane/ui/index.html HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(post.startsWith("HTTP/1.1 405"), post);
        assertTrue(post.contains("Allow: GET, HEAD"), post);
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(port.address().getAddress(), port.address().getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void drawsTheWorldFromAccountsDownToEndpointsAndWorkloads() throws Exception {
        String vpc = api.ec2("CreateVpc", "CidrBlock", "10.7.0.0/16", "TagSpecification.1.ResourceType", "vpc",
                "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "<b>shop</b>").assertOk().text("//vpc/vpcId");
        api.ec2("ModifyVpcAttribute", "VpcId", vpc, "EnableDnsHostnames.Value", "true").assertOk();
        String subnet = api.ec2("CreateSubnet", "VpcId", vpc, "CidrBlock", "10.7.1.0/24", "AvailabilityZone", "us-east-1b").assertOk()
                .text("//subnet/subnetId");
        String endpoint = api.ec2("CreateVpcEndpoint", "VpcId", vpc, "ServiceName", "com.amazonaws.us-east-1.sts", "VpcEndpointType",
                "Interface", "SubnetId.1", subnet).assertOk().text("//vpcEndpoint/vpcEndpointId");
        String eni = api.ec2("CreateNetworkInterface", "SubnetId", subnet, "PrivateIpAddress", "10.7.1.50").assertOk()
                .text("//networkInterface/networkInterfaceId");
        workloads.add(new Workload("wl-0123456789abcdef0", api.scope(), eni, Optional.empty(), "arn:aws:iam::000000000000:role/app", true));

        JsonNode pending = topology();
        assertEquals("pending", endpointIn(pending, vpc).path("state").asText());
        assertTrue(endpointIn(pending, vpc).path("provisioningSeconds").isMissingNode(), "not available yet");
        clock.advance(Duration.ofMinutes(5));
        JsonNode world = topology();
        JsonNode account = world.path("accounts").path(0);
        assertEquals(api.scope().account(), account.path("accountId").asText());
        JsonNode shop = vpcIn(world, vpc);
        assertEquals("<b>shop</b>", shop.path("name").asText(), "names are data; the page escapes them");
        assertEquals("10.7.0.0/16", shop.path("cidrBlock").asText());
        assertEquals(subnet, shop.path("subnets").path(0).path("subnetId").asText());
        assertEquals("us-east-1b", shop.path("subnets").path(0).path("availabilityZone").asText());
        JsonNode sts = endpointIn(world, vpc);
        assertEquals(endpoint, sts.path("vpcEndpointId").asText());
        assertEquals("available", sts.path("state").asText());
        assertEquals("amazon", sts.path("serviceOwner").asText());
        assertFalse(sts.path("crossAccount").asBoolean());
        assertEquals(subnet, sts.path("subnetIds").path(0).asText());
        assertTrue(sts.path("provisioningSeconds").asDouble() > 0, sts.toString());
        JsonNode workload = shop.path("workloads").path(0);
        assertEquals("wl-0123456789abcdef0", workload.path("workloadId").asText());
        assertEquals(eni, workload.path("networkInterfaceId").asText());
        assertEquals("10.7.1.50", workload.path("privateIpAddress").asText());
        assertEquals(subnet, workload.path("subnetId").asText());

        api.ec2("DeleteVpcEndpoints", "VpcEndpointId.1", endpoint).assertOk();
        assertEquals(0, vpcIn(topology(), vpc).path("endpoints").size(), "a deleted endpoint is gone");
    }

    private JsonNode topology() throws Exception {
        HttpResponse<String> answer = get("/_backlane/ui/api/topology");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        return new ObjectMapper().readTree(answer.body());
    }

    private static JsonNode vpcIn(JsonNode world, String vpcId) {
        for (JsonNode vpc : world.path("accounts").path(0).path("vpcs")) {
            if (vpc.path("vpcId").asText().equals(vpcId)) {
                return vpc;
            }
        }
        throw new AssertionError(vpcId + " is not in " + world);
    }

    private static JsonNode endpointIn(JsonNode world, String vpcId) {
        return vpcIn(world, vpcId).path("endpoints").path(0);
    }
}
