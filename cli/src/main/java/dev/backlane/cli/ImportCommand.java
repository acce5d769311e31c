package dev.backlane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import dev.backlane.cli.common.SnapshotDirectory;
import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code backlane import DIR}: reads a snapshot of real accounts (the JSON of {@code aws ec2 describe-*}
 * and {@code aws elbv2 describe-*}), prints what it read, and loads it into a running Backlane through
 * {@code POST /_backlane/import}; with {@code --dry-run} it only reads and reports. Unknown keys and
 * broken references are reported, not fatal.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read a snapshot of real AWS accounts (describe-* JSON) and load it into a running Backlane.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the snapshot was read (and loaded), even with unknown keys or broken references, which are reported",
                "1:Backlane refused the snapshot", ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMPORT_PATH = "/_backlane/import";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR",
            description = "The snapshot: DIR/aws_configs/[ACCOUNT/]REGION/*.json, DIR/REGION/*.json or flat DIR/*.json.")
    private Path directory;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Option(names = "--dry-run", description = "Only read the snapshot and print the report.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the report (and what was loaded) as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> texts = SnapshotDirectory.texts(directory);
        Snapshot snapshot = SnapshotReader.standard().readTexts(texts);
        if (dryRun) {
            out.print(json ? snapshot.report().toJson() + "\n" : snapshot.report().toText());
            out.flush();
            return ExitCode.OK;
        }
        AdminClient server = runningServer.client();
        JsonNode loaded = server.postJson(IMPORT_PATH, body(texts), "the snapshot");
        if (json) {
            out.println(loaded.toString());
        } else {
            out.print(snapshot.report().toText());
            for (JsonNode scope : loaded.path("loaded")) {
                out.println("Loaded " + scope.path("resources").asInt() + " resources into " + scope.path("account").asText() + "/"
                        + scope.path("region").asText() + " at " + server.endpoint());
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@code {"files": {name: document}}} with every file of the snapshot that is JSON; the others are in the report. */
    private static byte[] body(Map<String, String> texts) {
        ObjectNode files = JSON.createObjectNode();
        for (Map.Entry<String, String> text : texts.entrySet()) {
            try {
                files.set(text.getKey(), JSON.readTree(text.getValue()));
            } catch (IOException unreadable) {
                // Already in the report; the server gets only what it can read.
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("files", files);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
