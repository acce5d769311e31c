package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.snapshot.SnapshotReader;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.backlane.cli.AnalysisSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane explain}: whether a workload reaches a destination privately through an endpoint,
 * publicly, or not at all, hop by hop. One query from the options, or a batch from a JSON Lines file
 * (one result line per input line, in order; a bad line gives {@code {"error": ...}} and the rest go on).
 * Exits 0 when every query was explained (whatever the verdict), 1 when a query was invalid, 2 when the
 * backend or a file cannot be reached.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the path from a workload to a service or address: PRIVATE, PUBLIC or BLOCKED, and why.")
public final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Mode mode;

    static final class Mode {
        @ArgGroup(exclusive = false)
        Single single;

        @Option(names = "--queries", paramLabel = "FILE.jsonl", required = true,
                description = "Explain each line {\"from\", \"to\", \"port\", \"protocol\"} and print one JSON result line for each.")
        Path queries;
    }

    static final class Single {
        @Option(names = "--from", paramLabel = "SRC", required = true,
                description = "An instance (i-...), a network interface (eni-...) or a subnet and address (subnet-...:10.0.1.5).")
        String from;

        @Option(names = "--to", paramLabel = "DEST[:PORT]", required = true,
                description = "A hostname, an IPv4 address, a service name (com.amazonaws.us-east-1.s3) or an endpoint DNS name; port 443 by default.")
        String to;

        @Option(names = "--protocol", defaultValue = "tcp", description = "tcp, udp or icmp (default ${DEFAULT-VALUE}).")
        String protocol;

        @Option(names = "--principal", paramLabel = "ARN", description = "With --action and --resource: evaluate the policies on the path.")
        String principal;

        @Option(names = "--action", description = "The action, e.g. s3:GetObject.")
        String action;

        @Option(names = "--resource", paramLabel = "ARN", description = "The resource ARN.")
        String resource;

        @Option(names = "--identity-policy", paramLabel = "FILE", description = "An identity policy of the principal; repeatable.")
        List<Path> identityPolicies = new ArrayList<>();

        @Option(names = "--resource-policy", paramLabel = "FILE", description = "The resource's policy (e.g. a bucket policy).")
        Path resourcePolicy;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private AnalysisSource backend;

    @Option(names = "--account", description = "Look for the source in this account only (with --region).")
    private String account;

    @Option(names = "--region", description = "Look for the source in this region only (with --account).")
    private String region;

    @Option(names = "--json", description = "Print the result as JSON (batches always print JSON).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PathBackend paths;
        try {
            paths = this.backend.endpointUrl() != null ? new RemotePathBackend(this.backend.endpointUrl())
                    : new LocalPathBackend(SnapshotReader.read(this.backend.snapshot()).world(), InstantSource.system());
        } catch (RuntimeException e) {
            err.println("backlane explain: cannot read the snapshot " + this.backend.snapshot() + ": " + e.getMessage());
            return 2;
        }
        PathBackend backend = paths;
        try {
            return mode.queries != null ? runBatch(backend, mode.queries, out) : runSingle(backend, mode.single, out, err);
        } catch (IOException e) {
            err.println("backlane explain: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }

    private int runSingle(PathBackend backend, Single single, PrintWriter out, PrintWriter err) throws IOException {
        ObjectNode query = PathJson.mapper().createObjectNode().put("from", single.from).put("to", single.to).put("protocol", single.protocol);
        scope(query);
        if (single.principal != null || single.action != null || single.resource != null) {
            query.put("principal", single.principal).put("action", single.action).put("resource", single.resource);
            var identity = query.putArray("identityPolicies");
            for (Path file : single.identityPolicies) {
                identity.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            if (single.resourcePolicy != null) {
                query.put("resourcePolicy", Files.readString(single.resourcePolicy, StandardCharsets.UTF_8));
            }
        }
        JsonNode result = backend.explain(List.of(query)).get(0);
        if (result.has("error")) {
            err.println("backlane explain: " + result.get("error").asText());
            return 1;
        }
        if (json) {
            out.println(result.toString());
        } else {
            PathPrinter.print(out, single.from, single.to, result);
        }
        return 0;
    }

    private int runBatch(PathBackend backend, Path file, PrintWriter out) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<JsonNode> results = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>();
        List<Integer> pendingAt = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = PathJson.mapper().readTree(line);
                if (node instanceof ObjectNode object) {
                    scope(object);
                }
                pending.add(node);
                pendingAt.add(results.size());
                results.add(null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                results.add(PathJson.error("line is not JSON: " + e.getOriginalMessage()));
            }
        }
        List<JsonNode> answers = pending.isEmpty() ? List.of() : backend.explain(pending);
        for (int i = 0; i < answers.size(); i++) {
            results.set(pendingAt.get(i), answers.get(i));
        }
        boolean allExplained = true;
        for (JsonNode result : results) {
            allExplained &= !result.has("error");
            out.println(result.toString());
        }
        return allExplained ? 0 : 1;
    }

    private void scope(ObjectNode query) {
        if (account != null && !query.has("account")) {
            query.put("account", account);
        }
        if (region != null && !query.has("region")) {
            query.put("region", region);
        }
    }
}
