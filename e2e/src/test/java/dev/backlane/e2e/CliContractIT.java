package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's contract as CI sees it: the real {@code backlane.jar} run as a process, its standard output,
 * standard error and exit code checked. No message says "null" or names an exception; an unreachable
 * server exits 3, a usage error 2, a failed expectation 1; {@code --endpoint-url} defaults to
 * {@code AWS_ENDPOINT_URL}.
 */
class CliContractIT {
    private static final Path JAR = Path.of("..", "cli", "target", "backlane.jar").toAbsolutePath().normalize();
    private static final ExternalProgram JAVA = ExternalProgram.at(Path.of(System.getProperty("java.home"), "bin", "java"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOISE = Pattern.compile("null|Exception|\\tat |java\\.");

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @TempDir
    Path directory;

    @Test
    void versionNamesTheVersionAndTheCommit() throws Exception {
        ExternalProgram.Result result = backlane(Map.of(), "-V");
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().matches("backlane \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown)\\)\n"), result.describe());
        String commit = gitCommit();
        if (commit != null) {
            assertTrue(result.stdout().contains("(commit " + commit + ")"), "built from " + commit + ": " + result.describe());
        }
        assertEquals(result.stdout(), backlane(Map.of(), "audit", "--version").stdout(), "subcommands answer -V alike");
    }

    @Test
    void anUnreachableServerIsSaidToBeSoAndExitsThree() throws Exception {
        String dead = "http://127.0.0.1:" + closedPort();
        for (List<String> command : List.of(List.of("explain", "--from", "i-0123456789abcdef0", "--to", "8.8.8.8"), List.of("audit"),
                List.of("import", snapshot()), List.of("export", directory.resolve("state.json").toString()))) {
            List<String> arguments = new ArrayList<>(command);
            arguments.addAll(List.of("--endpoint-url", dead));
            ExternalProgram.Result result = backlane(Map.of(), arguments.toArray(String[]::new));
            assertEquals(3, result.exitCode(), result.describe());
            assertEquals("backlane " + command.get(0) + ": cannot reach Backlane at " + dead
                    + ": connection refused (is it running? start it with ./backlane start)\n", result.stderr(), result.describe());
            assertEquals("", result.stdout(), result.describe());
        }
        assertFalse(Files.exists(directory.resolve("state.json")), "a failed export writes nothing");
    }

    @Test
    void endpointUrlDefaultsToAwsEndpointUrlAndTheOptionWins() throws Exception {
        String dead = "http://127.0.0.1:" + closedPort();
        ExternalProgram.Result fromVariable = backlane(Map.of("AWS_ENDPOINT_URL", backlane.endpoint()), "audit", "--json");
        assertEquals(0, fromVariable.exitCode(), fromVariable.describe());
        assertTrue(JSON.readTree(fromVariable.stdout()).has("vpcs"), fromVariable.describe());
        assertTrue(fromVariable.stdout().endsWith("}\n"), "--json output ends with one newline: " + fromVariable.describe());

        ExternalProgram.Result deadVariable = backlane(Map.of("AWS_ENDPOINT_URL", dead), "audit");
        assertEquals(3, deadVariable.exitCode(), deadVariable.describe());
        assertTrue(deadVariable.stderr().contains("cannot reach Backlane at " + dead + ":"), deadVariable.describe());

        ExternalProgram.Result optionWins = backlane(Map.of("AWS_ENDPOINT_URL", dead), "audit", "--endpoint-url", backlane.endpoint());
        assertEquals(0, optionWins.exitCode(), optionWins.describe());

        ExternalProgram.Result notAUrl = backlane(Map.of("AWS_ENDPOINT_URL", "localhost:4577"), "audit");
        assertEquals(2, notAUrl.exitCode(), notAUrl.describe());
        assertEquals("backlane audit: AWS_ENDPOINT_URL must be an http:// or https:// URL of a host and port, such as http://127.0.0.1:4577, "
                + "not 'localhost:4577'\n", notAUrl.stderr());
    }

    @Test
    void exportAndImportStateGoThroughTheServerNamedByTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", backlane.endpoint());
        Path dump = directory.resolve("state.json");
        ExternalProgram.Result export = backlane(environment, "export", dump.toString());
        assertEquals(0, export.exitCode(), export.describe());
        assertEquals("backlane-state", JSON.readTree(dump.toFile()).path("format").asText());

        ExternalProgram.Result missing = backlane(environment, "import-state", directory.resolve("absent.json").toString());
        assertEquals(2, missing.exitCode(), missing.describe());
        assertEquals("backlane import-state: the dump " + directory.resolve("absent.json") + " does not exist\n", missing.stderr());

        Files.writeString(directory.resolve("broken.json"), "{\"format\": \"backlane-state\"\n");
        ExternalProgram.Result broken = backlane(environment, "import-state", directory.resolve("broken.json").toString());
        assertEquals(1, broken.exitCode(), broken.describe());
        assertEquals("backlane import-state: " + directory.resolve("broken.json") + ": the state dump is not valid JSON: at line 2, column 1: "
                + "the document ends before the object { opened at line 1, column 1 is closed\n", broken.stderr());
    }

    @Test
    void explainExpectAgainstARunningServerAndBatchesRepeatTheirQuery() throws Exception {
        var subnet = backlane.ec2().describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets().get(0);
        String from = subnet.subnetId() + ":" + subnet.cidrBlock().replaceFirst("\\.0/\\d+$", ".10");
        ExternalProgram.Result single = backlane(Map.of(), "explain", "--endpoint-url", backlane.endpoint(), "--from", from, "--to",
                "8.8.8.8:443", "--json");
        assertEquals(0, single.exitCode(), single.describe());
        String verdict = JSON.readTree(single.stdout()).path("verdict").asText();
        String other = verdict.equals("PRIVATE") ? "BLOCKED" : "PRIVATE";

        ExternalProgram.Result met = backlane(Map.of(), "explain", "--endpoint-url", backlane.endpoint(), "--from", from, "--to", "8.8.8.8:443",
                "--expect", verdict);
        assertEquals(0, met.exitCode(), met.describe());
        ExternalProgram.Result differs = backlane(Map.of(), "explain", "--endpoint-url", backlane.endpoint(), "--from", from, "--to",
                "8.8.8.8:443", "--expect", other);
        assertEquals(1, differs.exitCode(), differs.describe());
        assertTrue(differs.stderr().startsWith("backlane explain: expected " + other + " but " + from + " -> 8.8.8.8:443 is " + verdict),
                differs.describe());

        Path queries = directory.resolve("queries.jsonl");
        Files.writeString(queries, "{\"from\": \"" + from + "\", \"to\": \"8.8.8.8\", \"port\": 443}\n{\"from\": \"i-0000000000000dead\", \"to\": \"8.8.8.8\"}\n");
        ExternalProgram.Result batch = backlane(Map.of(), "explain", "--endpoint-url", backlane.endpoint(), "--queries", queries.toString());
        assertEquals(1, batch.exitCode(), "the second query names no instance: " + batch.describe());
        List<String> lines = batch.stdout().lines().toList();
        assertEquals(2, lines.size(), batch.describe());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals(from, first.path("from").asText());
        assertEquals("8.8.8.8", first.path("to").asText());
        assertEquals(verdict, first.path("verdict").asText());
        JsonNode second = JSON.readTree(lines.get(1));
        assertEquals("i-0000000000000dead", second.path("from").asText());
        assertTrue(second.path("error").asText().contains("i-0000000000000dead"), lines.get(1));
        assertTrue(batch.stderr().startsWith("backlane explain: line 2: "), batch.describe());
    }

    @Test
    void httpErrorsFromWhatIsListeningAreExplained() throws Exception {
        HttpServer impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        impostor.createContext("/_backlane/audit", exchange -> answer(exchange, 500, "{\"error\":\"the disk is full\"}"));
        impostor.createContext("/_backlane/explain", exchange -> answer(exchange, 400, "{\"error\":\"the body is not JSON\"}"));
        impostor.createContext("/_backlane/import", exchange -> answer(exchange, 404, "<html>Not Found</html>"));
        impostor.start();
        try {
            String url = "http://127.0.0.1:" + impostor.getAddress().getPort();
            ExternalProgram.Result failed = backlane(Map.of(), "audit", "--endpoint-url", url);
            assertEquals(3, failed.exitCode(), failed.describe());
            assertEquals("backlane audit: Backlane at " + url + " failed to answer the audit (HTTP 500): the disk is full\n", failed.stderr());

            ExternalProgram.Result refused = backlane(Map.of(), "explain", "--endpoint-url", url, "--from", "i-0123456789abcdef0", "--to", "8.8.8.8");
            assertEquals(1, refused.exitCode(), refused.describe());
            assertEquals("backlane explain: Backlane at " + url + " refused the queries (HTTP 400): the body is not JSON\n", refused.stderr());

            ExternalProgram.Result notBacklane = backlane(Map.of(), "import", snapshot(), "--endpoint-url", url);
            assertEquals(3, notBacklane.exitCode(), notBacklane.describe());
            assertEquals("backlane import: " + url + " answered /_backlane/import with HTTP 404: is it a Backlane server, and as new as this "
                    + "command?\n", notBacklane.stderr());
        } finally {
            impostor.stop(0);
        }
    }

    @Test
    void badFilesAndFlagsAreUsageErrorsInPlainWords() throws Exception {
        Path policy = directory.resolve("policy.json");
        Files.writeString(policy, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}");
        List<List<String>> commands = List.of(
                List.of("policy", "validate", directory.resolve("absent.json").toString()),
                List.of("policy", "eval", "--policy", directory.toString(), "--principal", "*", "--action", "s3:GetObject", "--resource", "*"),
                List.of("explain", "--snapshot", directory.resolve("absent").toString(), "--from", "i-1", "--to", "8.8.8.8"),
                List.of("explain", "--queries", directory.resolve("absent.jsonl").toString(), "--endpoint-url", backlane.endpoint()),
                List.of("audit", "--endpoint-url", backlane.endpoint(), "--identity-policy", directory.toString()),
                List.of("audit", "--endpoint-url", backlane.endpoint(), "--principal", "arn:aws:iam::111122223333:role/app"),
                List.of("audit", "--endpoint-url", backlane.endpoint(), "--fail-on", "sometimes"),
                List.of("import", directory.resolve("absent").toString(), "--dry-run"),
                List.of("export", directory.toString(), "--endpoint-url", backlane.endpoint()),
                List.of("start", "--port", "seventy"),
                List.of("explain", "--from", "i-1"));
        for (List<String> command : commands) {
            ExternalProgram.Result result = backlane(Map.of(), command.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.describe());
            assertTrue(result.stderr().startsWith("backlane " + command.get(0) + (command.get(0).equals("policy") ? " " + command.get(1) : "") + ": "),
                    result.describe());
            assertFalse(NOISE.matcher(result.stderr()).find(), "no null, exception or stack trace: " + result.describe());
            assertEquals("", result.stdout(), result.describe());
        }
    }

    @Test
    void startOnADataDirectoryThatIsAFileSaysSo() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "");
        ExternalProgram.Result result = backlane(Map.of(), "start", "--port", "0", "--data-dir", file.toString());
        assertEquals(1, result.exitCode(), result.describe());
        assertEquals("backlane start: cannot use the data directory " + file + ": " + file + " exists and is not a directory\n", result.stderr());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        for (String command : List.of("explain", "audit", "import", "export", "import-state")) {
            ExternalProgram.Result help = backlane(Map.of(), command, "--help");
            assertEquals(0, help.exitCode(), help.describe());
            assertTrue(help.stdout().contains("Exit codes:"), help.describe());
            assertTrue(help.stdout().contains("3   Backlane cannot be reached at --endpoint-url"), help.describe());
            assertTrue(help.stdout().contains("2   usage error"), help.describe());
        }
        ExternalProgram.Result audit = backlane(Map.of(), "audit", "--help");
        assertTrue(audit.stdout().contains("--fail-on=SEVERITY"), audit.describe());
        assertTrue(audit.stdout().contains("info     F5"), audit.describe());
    }

    private ExternalProgram.Result backlane(Map<String, String> environment, String... arguments) {
        assertTrue(Files.isRegularFile(JAR), "the CLI is packaged first: " + JAR);
        List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        Map<String, String> withoutInherited = new java.util.HashMap<>(environment);
        // The runner's own AWS_ENDPOINT_URL must not decide these tests; an empty value counts as unset.
        withoutInherited.putIfAbsent("AWS_ENDPOINT_URL", "");
        return JAVA.run(directory, withoutInherited, Duration.ofMinutes(2), command);
    }

    private static String snapshot() {
        return Path.of("..", "core", "src", "test", "resources", "dev", "backlane", "core", "snapshot", "aws-snapshots", "vpc-endpoint-gateway")
                .toAbsolutePath().normalize().toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The commit the jar was built from, when the tests run in a git checkout. */
    private static String gitCommit() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && output.matches("[0-9a-f]{12}") ? output : null;
        } catch (IOException noGit) {
            return null;
        }
    }
}
