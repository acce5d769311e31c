package dev.backlane.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.snapshot.SnapshotReader;
import dev.backlane.core.world.World;
import dev.backlane.server.analysis.AuditJson;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.backlane.cli.AnalysisSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane audit}: the VPC endpoints guide's failure modes that configuration shows, per VPC,
 * with the resources affected and the fix. Exits 0 when nothing was found, 3 when findings were
 * reported, 2 when Backlane or the snapshot cannot be reached. With {@code --snapshot DIR} it reads the
 * snapshot in this process and needs no server.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Report per VPC the endpoint failure modes visible in configuration (F1-F6, single-zone endpoints), with fixes.")
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private AnalysisSource backend;

    @Option(names = "--account", description = "Audit this account only (with --region).")
    private String account;

    @Option(names = "--region", description = "Audit this region only (with --account).")
    private String region;

    @Option(names = "--identity-policy", paramLabel = "FILE", description = "An identity policy to weigh endpoint policies against (F4); repeatable.")
    private List<Path> identityPolicies = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "ARN", description = "The principal the identity policies belong to (F4).")
    private String principal;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ObjectNode request = request();
            JsonNode report = backend.snapshot() != null ? auditSnapshot(backend.snapshot(), request) : post(request);
            if (json) {
                out.println(report.toString());
            } else {
                print(out, report);
            }
            return report.path("vpcs").isEmpty() ? 0 : 3;
        } catch (IOException | UncheckedIOException e) {
            err.println("backlane audit: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }

    /** The report on a snapshot read in this process; its scopes are the snapshot's accounts and regions. */
    private static JsonNode auditSnapshot(Path directory, ObjectNode request) throws IOException {
        if (!Files.exists(directory)) {
            throw new IOException("no snapshot at " + directory);
        }
        World world = SnapshotReader.read(directory).world();
        return AuditJson.audit(WorldIndex.of(world), request);
    }

    private ObjectNode request() throws IOException {
        ObjectNode body = PathJson.mapper().createObjectNode();
        if (account != null) {
            body.put("account", account);
        }
        if (region != null) {
            body.put("region", region);
        }
        if (!identityPolicies.isEmpty()) {
            ArrayNode documents = body.putArray("identityPolicies");
            for (Path file : identityPolicies) {
                documents.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            if (principal != null) {
                body.put("principal", principal);
            }
        }
        return body;
    }

    private JsonNode post(ObjectNode body) throws IOException {
        String endpointUrl = backend.endpointUrl();
        String base = endpointUrl.endsWith("/") ? endpointUrl.substring(0, endpointUrl.length() - 1) : endpointUrl;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/_backlane/audit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(base + " answered " + response.statusCode() + ": " + response.body());
        }
        return PathJson.mapper().readTree(response.body());
    }

    private static void print(PrintWriter out, JsonNode report) {
        if (report.path("vpcs").isEmpty()) {
            out.println("No failure modes found.");
            return;
        }
        for (JsonNode vpc : report.path("vpcs")) {
            out.println(vpc.path("vpcId").asText() + " (" + vpc.path("account").asText() + "/" + vpc.path("region").asText() + ")");
            for (JsonNode finding : vpc.path("findings")) {
                List<String> resources = new ArrayList<>();
                finding.path("resources").forEach(resource -> resources.add(resource.asText()));
                out.println("  " + finding.path("mode").asText() + "  " + finding.path("detail").asText());
                out.println("      resources: " + String.join(", ", resources));
                out.println("      fix: " + finding.path("fix").asText());
            }
        }
    }
}
