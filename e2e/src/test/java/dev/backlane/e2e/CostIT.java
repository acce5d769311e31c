package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code backlane cost} on a live server, through the real {@code backlane} script: S3 calls a workload makes through
 * the NAT gateway show up as the NAT's observed traffic and as the what-if of a gateway endpoint; once an S3 interface
 * endpoint carries them, as that endpoint's; assumed traffic ({@code --gb}) gives the figures AWS's prices give; bad
 * input gets its exit code.
 */
class CostIT {
    private static final Path SCRIPT = Path.of("..", "backlane").toAbsolutePath().normalize();
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final byte[] MEGABYTE = new byte[1_000_000];

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static WorkloadNetwork network;

    @TempDir
    Path directory;

    @BeforeAll
    static void topology() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("costs"));
        }
        network = WorkloadNetwork.build(backlane.newAccount(), 93);
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void observedS3TrafficIsPricedOnTheNatAndThenOnTheInterfaceEndpointThatCarriesIt() throws Exception {
        JsonNode workload = network.workload(backlane);
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            s3.putObject(request -> request.bucket("costs").key("through-nat"), RequestBody.fromBytes(MEGABYTE));
            JsonNode nat = component(cost(List.of()), network.natGateway);
            assertEquals("nat-gateway", nat.path("kind").asText());
            assertEquals(0, new BigDecimal("32.85").compareTo(nat.path("hourly").decimalValue()), nat.toString());
            assertTrue(nat.path("gbPerMonth").decimalValue().signum() > 0, "the megabyte through the NAT: " + nat);
            JsonNode whatIf = whatIf(cost(List.of()), "gateway-endpoint-instead-of-nat");
            assertTrue(whatIf.path("resources").toString().contains(network.natGateway), whatIf.toString());
            assertTrue(whatIf.path("monthlySaving").decimalValue().signum() > 0, whatIf.toString());

            String endpoint = network.s3InterfaceEndpoint()[0];
            s3.putObject(request -> request.bucket("costs").key("through-endpoint"), RequestBody.fromBytes(MEGABYTE));
            JsonNode carried = component(cost(List.of()), endpoint);
            assertEquals("interface-endpoint", carried.path("kind").asText());
            assertEquals(1, carried.path("zones").asInt());
            assertEquals(0, new BigDecimal("7.30").compareTo(carried.path("hourly").decimalValue()), carried.toString());
            assertTrue(carried.path("gbPerMonth").decimalValue().signum() > 0, carried.toString());
            assertTrue(carried.has("costPerGb"), "M10 once traffic passed: " + carried);
        }
    }

    @Test
    void assumedTrafficGivesAwsPricesAndTheTableNamesTheSaving() {
        JsonNode report = cost(List.of("--gb", network.natGateway + ":s3=1000", "--gb", network.natGateway + ":other=100"));
        JsonNode nat = component(report, network.natGateway);
        assertEquals(0, new BigDecimal("49.5").compareTo(nat.path("data").decimalValue()), "1,100 GB x $0.045: " + nat);
        assertEquals(0, new BigDecimal("45").compareTo(whatIf(report, "gateway-endpoint-instead-of-nat").path("monthlySaving").decimalValue()));

        ExternalProgram.Result table = script(List.of("cost", "--endpoint-url", backlane.endpoint(), "--account", network.account.id(), "--region",
                "us-east-1", "--default-gb", "10"));
        assertEquals(0, table.exitCode(), table.describe());
        assertTrue(table.stdout().contains(network.natGateway) && table.stdout().contains("what if:"), table.stdout());
    }

    @Test
    void badInputGetsItsExitCode() throws Exception {
        ExternalProgram.Result usage = script(List.of("cost", "--endpoint-url", backlane.endpoint(), "--gb", "nat-1=lots"));
        assertEquals(2, usage.exitCode(), usage.describe());
        assertTrue(usage.stderr().contains("--gb takes ID=GB"), usage.describe());
        Path prices = Files.writeString(directory.resolve("prices.json"), "{\"regions\": {\"us-east-1\": {\"natGatewayHour\": \"cheap\"}}}");
        ExternalProgram.Result refused = script(List.of("cost", "--endpoint-url", backlane.endpoint(), "--prices", prices.toString()));
        assertEquals(1, refused.exitCode(), refused.describe());
        assertTrue(refused.stderr().contains("must be a number"), refused.describe());
    }

    private JsonNode cost(List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("cost", "--endpoint-url", backlane.endpoint(), "--account", network.account.id(), "--region",
                "us-east-1", "--json"));
        arguments.addAll(options);
        ExternalProgram.Result result = script(arguments);
        assertEquals(0, result.exitCode(), result.describe());
        return WorkloadNetwork.json(result.stdout().strip());
    }

    private ExternalProgram.Result script(List<String> arguments) {
        return ExternalProgram.at(SCRIPT).run(directory, Map.of(), Duration.ofSeconds(120), arguments);
    }

    private static JsonNode component(JsonNode report, String id) {
        for (JsonNode component : report.path("scopes").path(0).path("components")) {
            if (component.path("id").asText().equals(id)) {
                return component;
            }
        }
        throw new AssertionError(id + " is not in " + report);
    }

    private static JsonNode whatIf(JsonNode report, String kind) {
        for (JsonNode whatIf : report.path("scopes").path(0).path("whatIfs")) {
            if (whatIf.path("kind").asText().equals(kind)) {
                return whatIf;
            }
        }
        throw new AssertionError("no " + kind + " in " + report);
    }
}
