package dev.backlane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotLayout;
import dev.backlane.core.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backlane import DIR}: reads a snapshot of real accounts (the JSON of {@code aws ec2 describe-*}
 * and {@code aws elbv2 describe-*}), prints what it read, and loads it into a running Backlane through
 * {@code POST /_backlane/import}; with {@code --dry-run} it only reads and reports. Exits 0 when the
 * snapshot was read (and loaded), even with unknown keys or broken references, which are reported;
 * 1 when the server refused it; 2 when the snapshot or the server cannot be reached.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a snapshot of real AWS accounts (describe-* JSON) and load it into a running Backlane.")
public final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR",
            description = "The snapshot: DIR/aws_configs/[ACCOUNT/]REGION/*.json, DIR/REGION/*.json or flat DIR/*.json.")
    private Path directory;

    @Option(names = "--endpoint-url", defaultValue = "http://127.0.0.1:4577",
            description = "The running Backlane to load into (default: ${DEFAULT-VALUE}).")
    private URI endpoint;

    @Option(names = "--dry-run", description = "Only read the snapshot and print the report.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the report (and what was loaded) as JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Snapshot snapshot;
        try {
            snapshot = SnapshotReader.read(directory);
        } catch (UncheckedIOException e) {
            err.println("Cannot read the snapshot: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (dryRun) {
            out.print(json ? snapshot.report().toJson() + "\n" : snapshot.report().toText());
            out.flush();
            return 0;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(endpoint.resolve("/_backlane/import"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("Cannot reach Backlane at " + endpoint + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        if (response.statusCode() != 200) {
            err.println("Backlane refused the import (" + response.statusCode() + "): " + response.body());
            err.flush();
            return 1;
        }
        if (json) {
            out.println(response.body());
        } else {
            out.print(snapshot.report().toText());
            for (JsonNode scope : JSON.readTree(response.body()).path("loaded")) {
                out.println("Loaded " + scope.path("resources").asInt() + " resources into " + scope.path("account").asText() + "/"
                        + scope.path("region").asText() + " at " + endpoint);
            }
        }
        out.flush();
        return 0;
    }

    /** {@code {"files": {name: document}}} with every file of the snapshot that is JSON; the others are in the report. */
    private byte[] body() throws IOException {
        ObjectNode files = JSON.createObjectNode();
        for (SnapshotLayout.SnapshotFile file : SnapshotLayout.files(directory)) {
            try {
                files.set(file.name(), JSON.readTree(file.path().toFile()));
            } catch (IOException unreadable) {
                // Already in the report; the server gets only what it can read.
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("files", files);
        return JSON.writeValueAsBytes(body);
    }
}
