package dev.backlane.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.core.policy.Finding;
import dev.backlane.core.policy.PolicyKind;
import dev.backlane.core.policy.PolicyValidator;
import dev.backlane.core.policy.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlane policy validate FILE}: prints the findings, one a line or as JSON. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate a policy document and print the findings.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the document has no error (warnings and suggestions may be printed)", "1:the document has an error",
                ExitCode.USAGE_LINE})
final class PolicyValidateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy document.")
    private Path file;

    @Option(names = "--json", description = "Print the findings as JSON.")
    private boolean json;

    @Option(names = "--kind", defaultValue = "endpoint", description = "Where the policy is attached: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private PolicyKind kind;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String document = InputFile.readString(file, "the policy");
        ValidationReport report = PolicyValidator.validate(document, kind);
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("valid", !report.hasErrors());
            ArrayNode findings = root.putArray("findings");
            for (Finding finding : report.findings()) {
                findings.addObject()
                        .put("severity", finding.severity().name())
                        .put("code", finding.code().name())
                        .put("path", finding.path())
                        .put("message", finding.message());
            }
            out.println(JSON.writeValueAsString(root));
        } else if (report.findings().isEmpty()) {
            out.println("No findings.");
        } else {
            report.findings().forEach(finding -> out.println(
                    finding.severity() + " " + finding.code() + " " + finding.path() + ": " + finding.message()));
        }
        out.flush();
        return report.hasErrors() ? 1 : 0;
    }
}
