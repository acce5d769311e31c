package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code backlane start --zone-mapping}: what the account then sees, across restarts, and the exit codes of a refused one. */
class ZoneMappingFlagTest {
    private static final String ACCOUNT = "111111111111";
    private static final String PINNED = ACCOUNT + "=us-east-1a:use1-az1,us-east-1b:use1-az2,us-east-1c:use1-az3,us-east-1d:use1-az4,"
            + "us-east-1e:use1-az5,us-east-1f:use1-az6";
    private static final Pattern ZONE = Pattern.compile("<zoneId>([^<]+)</zoneId>\\s*<zoneName>([^<]+)</zoneName>");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theFlagPinsAMappingThatOutlivesTheServer() throws Exception {
        Path data = Files.createTempDirectory("backlane-zones");
        Process first = ServerProcess.start("--data-dir", data.toString(), "--zone-mapping", PINNED);
        Map<String, String> expected = new TreeMap<>(Map.of("us-east-1a", "use1-az1", "us-east-1b", "use1-az2", "us-east-1c", "use1-az3",
                "us-east-1d", "use1-az4", "us-east-1e", "use1-az5", "us-east-1f", "use1-az6"));
        try {
            assertEquals(expected, zones(ServerProcess.awaitEndpoint(first)));
        } finally {
            stop(first);
        }
        Process second = ServerProcess.start("--data-dir", data.toString());
        try {
            assertEquals(expected, zones(ServerProcess.awaitEndpoint(second)), "the pin is stored with the state");
        } finally {
            stop(second);
        }
    }

    @Test
    void aMalformedOrIncompleteMappingExitsTwo() {
        assertExit(2, "ACCOUNT=ZONE:ZONE_ID", "--in-memory", "--zone-mapping", "us-east-1a:use1-az1");
        assertExit(2, "12 digits", "--in-memory", "--zone-mapping", "1111=us-east-1a:use1-az1");
        assertExit(2, "of one region", "--in-memory", "--zone-mapping", ACCOUNT + "=us-east-1a:use1-az1,us-west-2a:usw2-az1");
        assertExit(2, "must pair each of the zone names", "--in-memory", "--zone-mapping", ACCOUNT + "=us-east-1a:use1-az1,us-east-1b:use1-az2");
    }

    @Test
    void aMappingTheStoredStateCanNoLongerTakeExitsOne() throws IOException {
        Path data = Files.createTempDirectory("backlane-zones");
        Scope scope = new Scope(ACCOUNT, "us-east-1");
        try (BacklaneServer server = BacklaneServer.start(ServerConfig.forTests().withPort(0).withStore(data, false))) {
            Subnet subnet = server.cloud().snapshot(scope).all(scope, ResourceTypes.SUBNET).iterator().next();
            server.cloud().write(scope, transaction -> new NetworkInterfaceCommands(Quotas.awsDefaults()).create(transaction,
                    new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), "placed", null, List.of(), 0, List.of(), 0, List.of(), null, null)));
        }
        assertExit(1, "can no longer change", "--port", "0", "--data-dir", data.toString(), "--zone-mapping", PINNED);
    }

    private static void assertExit(int code, String message, String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "start";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BacklaneCommand.newCommandLine().execute(withFreePort(command));
        } finally {
            System.setErr(original);
        }
        String error = captured.toString(StandardCharsets.UTF_8);
        assertEquals(code, exit, error);
        assertTrue(error.contains(message), error);
    }

    /** A refused start must not hold the default port: every start here asks for a free one. */
    private static String[] withFreePort(String[] command) {
        if (List.of(command).contains("--port")) {
            return command;
        }
        String[] withPort = new String[command.length + 2];
        System.arraycopy(command, 0, withPort, 0, command.length);
        withPort[command.length] = "--port";
        withPort[command.length + 1] = "0";
        return withPort;
    }

    private static Map<String, String> zones(String endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCOUNT + "/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeAvailabilityZones&Version=2016-11-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> zones = new TreeMap<>();
        Matcher matcher = ZONE.matcher(response.body());
        while (matcher.find()) {
            zones.put(matcher.group(2), matcher.group(1));
        }
        return zones;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor();
        }
    }
}
