package dev.backlane.cli.sli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.cli.common.RunningServer;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code backlane sli}: the SLIs M1-M10 a running Backlane computes from its traffic, per endpoint, service, zone,
 * workload, VPC and telemetry sink, over a window, against the guide's SLOs (or those of {@code --slo-file}).
 */
@Command(name = "sli", mixinStandardHelpOptions = true,
        description = {"Show the SLIs M1-M10 (availability, private-resolve rate, success rate, latency, bytes, errors, provisioning time, "
                + "flow-log rejects, telemetry ingestion, cost per GB) of a running Backlane, against their SLOs."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the SLIs were printed (and, with --fail-on-breach, every SLO with a value is met)",
                "1:Backlane refused the question (an unknown endpoint, a bad SLO file), or --fail-on-breach and an SLO is not met",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class SliCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "VPCE_ID", description = "Only this endpoint.")
    private String endpoint;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "1h", description = "5m, 1h, 6h, 1d or 30d (default: 1h).")
    private String window;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only keys of this kind: all, endpoint, service, zone, workload, vpc, sink.")
    private String kind;

    @Option(names = "--slo-file", paramLabel = "FILE", description = "SLOs of your own (JSON; the fields of slos.json you want to change).")
    private Path sloFile;

    @Option(names = "--fail-on-breach", description = "Exit 1 when an SLI with a value does not meet its SLO.")
    private boolean failOnBreach;

    @Option(names = "--json", description = "Print the answer as JSON.")
    private boolean json;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Override
    public Integer call() {
        ObjectNode question = PathJson.mapper().createObjectNode().put("window", window);
        if (endpoint != null) {
            question.put("endpoint", endpoint);
        }
        if (kind != null) {
            question.put("kind", kind);
        }
        if (sloFile != null) {
            try {
                question.set("slos", PathJson.mapper().readTree(InputFile.readString(sloFile, "the SLO file")));
            } catch (IOException e) {
                throw CommandFailure.usage("the SLO file " + sloFile + " is not JSON: " + e.getMessage());
            }
        }
        AdminClient server = runningServer.client();
        JsonNode answer = server.postJson("/_backlane/sli", question.toString().getBytes(StandardCharsets.UTF_8), "the SLIs");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.toString());
        } else {
            print(out, answer);
        }
        out.flush();
        return failOnBreach && breached(answer) ? ExitCode.FAILED : ExitCode.OK;
    }

    private static boolean breached(JsonNode answer) {
        for (JsonNode report : answer.path("reports")) {
            for (JsonNode indicator : report.path("indicators")) {
                if (indicator.path("met").isBoolean() && !indicator.path("met").asBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void print(PrintWriter out, JsonNode answer) {
        out.println("SLIs over " + answer.path("window").asText() + " to " + answer.path("at").asText());
        for (JsonNode report : answer.path("reports")) {
            out.println();
            out.println(report.path("kind").asText() + " " + report.path("id").asText());
            for (JsonNode indicator : report.path("indicators")) {
                if (indicator.path("value").isNull() && indicator.path("objective").isNull()) {
                    continue;
                }
                String value = indicator.path("value").isNull() ? "-" : format(indicator.path("value").asDouble());
                String met = indicator.path("met").isNull() ? "" : indicator.path("met").asBoolean() ? "met" : "BREACHED";
                out.printf("  %-4s %-30s %14s %-12s %-9s %s%n", indicator.path("id").asText(), indicator.path("name").asText(), value,
                        indicator.path("objective").isNull() ? "" : indicator.path("objective").asText(), met, indicator.path("basis").asText());
            }
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
