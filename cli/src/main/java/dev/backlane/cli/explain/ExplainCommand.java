package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AnalysisSource;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.cli.common.PolicyFile;
import dev.backlane.cli.common.ScopeOptions;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.policy.JsonSyntaxProblem;
import dev.backlane.server.analysis.PathJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane explain}: whether a workload reaches a destination privately through an endpoint,
 * publicly, or not at all, hop by hop. One query from the options, or a batch from a JSON Lines file
 * (one result line per input line, in order, repeating the query's from and to; a bad line gives
 * {@code {"error": ...}} and the rest go on). With {@code --expect}, a verdict other than the expected
 * one fails the command, for CI.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain the path from a workload to a service or address: PRIVATE, PUBLIC or BLOCKED, and why.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:every query explained (whatever the verdict) and, with --expect, every verdict as expected",
                "1:a verdict differs from --expect, or a query cannot be explained (e.g. an unknown instance)",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
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

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private AnalysisSource source = new AnalysisSource();

    @Option(names = "--expect", paramLabel = "VERDICT",
            description = "Exit 1 unless the verdict (of every query, in a batch) is this: ${COMPLETION-CANDIDATES}.")
    private Verdict expect;

    /** Where to look for the source: one account and region, or every one. */
    @CommandLine.Mixin
    private ScopeOptions scope;

    @Option(names = "--json", description = "Print the result as JSON (batches always print JSON).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean batch = mode.queries != null;
        // Files first: a missing one is reported before any snapshot is read or server asked.
        List<Query> queries = batch ? readBatch(mode.queries) : List.of(new Query(1, singleQuery(mode.single), null));
        PathBackend backend = source.isSnapshot() ? new LocalPathBackend(source.snapshotWorld(), InstantSource.system())
                : new RemotePathBackend(source.server());
        List<ObjectNode> results = explain(backend, queries);
        int exit = ExitCode.OK;
        for (int i = 0; i < results.size(); i++) {
            ObjectNode result = results.get(i);
            String where = batch ? "line " + queries.get(i).line() + ": " : "";
            if (result.has("error")) {
                exit = ExitCode.FAILED;
                err.println("backlane explain: " + where + result.get("error").asText());
            } else if (expect != null && !expect.name().equals(result.path("verdict").asText())) {
                exit = ExitCode.FAILED;
                err.println("backlane explain: " + where + "expected " + expect + " but " + result.path("from").asText() + " -> "
                        + result.path("to").asText() + " is " + result.path("verdict").asText()
                        + (result.path("via").isTextual() ? " via " + result.path("via").asText() : ""));
            }
            if (batch) {
                out.println(result.toString());
            } else if (!result.has("error")) {
                if (json) {
                    out.println(result.toString());
                } else {
                    PathPrinter.print(out, mode.single.from, mode.single.to, result);
                }
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** A query and the line it came from; {@code parseError} instead when the line is not JSON. */
    private record Query(int line, JsonNode query, String parseError) {}

    private ObjectNode singleQuery(Single single) {
        ObjectNode query = PathJson.mapper().createObjectNode().put("from", single.from).put("to", single.to).put("protocol", single.protocol);
        scope.applyTo(query);
        if (single.principal != null || single.action != null || single.resource != null) {
            query.put("principal", single.principal).put("action", single.action).put("resource", single.resource);
            var identity = query.putArray("identityPolicies");
            for (Path file : single.identityPolicies) {
                identity.add(PolicyFile.read(file, "the identity policy"));
            }
            if (single.resourcePolicy != null) {
                query.put("resourcePolicy", PolicyFile.read(single.resourcePolicy, "the resource policy"));
            }
        }
        return query;
    }

    private List<Query> readBatch(Path file) {
        List<Query> queries = new ArrayList<>();
        for (InputFile.Line line : InputFile.nonBlankLines(file, "the queries file")) {
            try {
                JsonNode query = PathJson.mapper().readTree(line.text());
                if (query instanceof ObjectNode object) {
                    scope.applyTo(object);
                }
                queries.add(new Query(line.number(), query, null));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                queries.add(new Query(line.number(), null, "the line is not JSON: " + JsonSyntaxProblem.describe(e)));
            }
        }
        return queries;
    }

    /**
     * The result for each query, in order, starting with the query's from and to (and port and protocol
     * when it gave them), so that a batch's output lines stand on their own.
     */
    private static List<ObjectNode> explain(PathBackend backend, List<Query> queries) {
        List<JsonNode> parsed = queries.stream().filter(query -> query.parseError() == null).map(Query::query).toList();
        List<JsonNode> answers = parsed.isEmpty() ? List.of() : backend.explain(parsed);
        List<ObjectNode> results = new ArrayList<>();
        int next = 0;
        for (Query query : queries) {
            ObjectNode result = PathJson.mapper().createObjectNode();
            if (query.parseError() != null) {
                results.add(result.put("error", query.parseError()));
                continue;
            }
            for (String field : List.of("from", "to", "port", "protocol")) {
                if (query.query().has(field)) {
                    result.set(field, query.query().get(field));
                }
            }
            result.setAll((ObjectNode) answers.get(next++));
            results.add(result);
        }
        return results;
    }

}
