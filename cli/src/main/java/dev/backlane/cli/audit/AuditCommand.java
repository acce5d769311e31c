package dev.backlane.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AnalysisSource;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.PolicyFile;
import dev.backlane.cli.common.ScopeOptions;
import dev.backlane.core.analysis.AuditSeverity;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.server.analysis.AuditJson;
import dev.backlane.server.analysis.PathJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane audit}: the VPC endpoints guide's failure modes that configuration shows, per VPC,
 * with their severity, the resources affected and the fix. It fails (exit 1) only on findings at least
 * as serious as {@code --fail-on}, so cost advice alone does not fail a pipeline. With
 * {@code --snapshot DIR} it reads the snapshot in this process and needs no server.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Report per VPC the endpoint failure modes visible in configuration (F1-F6, single-zone endpoints), with fixes.",
        footerHeading = "%nSeverities:%n",
        footer = {"  error    F1 public DNS, F2 endpoint security group, F4 endpoint policy denies,",
                "           F6 private route table without the gateway endpoint",
                "  warning  F3 zone without an endpoint interface, HA single-zone endpoint",
                "  info     F5 S3/DynamoDB through a NAT gateway (cost only)"},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:no finding at --fail-on or above (findings below it are still printed)",
                "1:a finding at --fail-on or above, or an identity policy that is not valid",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private AnalysisSource source = new AnalysisSource();

    /** What to audit: one account and region, or every one. */
    @CommandLine.Mixin
    private ScopeOptions scope;

    @Option(names = "--identity-policy", paramLabel = "FILE", description = "An identity policy to weigh endpoint policies against (F4); repeatable.")
    private List<Path> identityPolicies = new ArrayList<>();

    @Option(names = "--principal", paramLabel = "ARN",
            description = "The principal the identity policies belong to (F4; needs --identity-policy). Without it, endpoint policies are "
                    + "evaluated for an anonymous caller.")
    private String principal;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit 1 on findings of this severity or worse: error, warning or info (default: error).")
    private AuditSeverity failOn;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (principal != null && identityPolicies.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--principal needs --identity-policy FILE: the audit weighs "
                    + "endpoint policies against the principal's identity policies (F4), so without one it would check nothing");
        }
        ObjectNode request = request();
        JsonNode report = source.isSnapshot() ? AuditJson.audit(WorldIndex.of(source.snapshotWorld()), request)
                : source.server().postJson("/_backlane/audit", request.toString().getBytes(StandardCharsets.UTF_8), "the audit");
        if (json) {
            out.println(report.toString());
        } else {
            print(out, report);
        }
        out.flush();
        return failing(report) ? ExitCode.FAILED : ExitCode.OK;
    }

    private boolean failing(JsonNode report) {
        for (JsonNode vpc : report.path("vpcs")) {
            for (JsonNode finding : vpc.path("findings")) {
                if (severity(finding).atLeast(failOn)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A finding's severity; one without (a server older than this command) counts as an error, to fail safe. */
    private static AuditSeverity severity(JsonNode finding) {
        for (AuditSeverity severity : AuditSeverity.values()) {
            if (severity.label().equals(finding.path("severity").asText())) {
                return severity;
            }
        }
        return AuditSeverity.ERROR;
    }

    private ObjectNode request() {
        ObjectNode body = PathJson.mapper().createObjectNode();
        scope.applyTo(body);
        if (!identityPolicies.isEmpty()) {
            ArrayNode documents = body.putArray("identityPolicies");
            for (Path file : identityPolicies) {
                documents.add(PolicyFile.read(file, "the identity policy"));
            }
            if (principal != null) {
                body.put("principal", principal);
            }
        }
        return body;
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
                out.printf("  %-3s %-8s %s%n", finding.path("mode").asText(), severity(finding).label(), finding.path("detail").asText());
                out.println("      resources: " + String.join(", ", resources));
                out.println("      fix: " + finding.path("fix").asText());
            }
        }
    }
}
