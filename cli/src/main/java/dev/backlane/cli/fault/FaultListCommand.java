package dev.backlane.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code backlane fault list}: the faults not yet ended, one a line. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the faults that are active or waiting to start.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:listed (also when there is none)", ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class FaultListCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print Backlane's answer as JSON.")
    private boolean json;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Override
    public Integer call() {
        AdminClient server = runningServer.client();
        JsonNode answer = server.getJson("/_backlane/faults", "the list of faults");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer);
        } else {
            for (JsonNode fault : answer.path("faults")) {
                out.println(line(fault));
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@code fault-0123... F7 active 2026-...Z..2026-...Z service=s3 workloadId=wl-... percentage=100}. */
    static String line(JsonNode fault) {
        List<String> words = new ArrayList<>(List.of(fault.path("faultId").asText(), fault.path("kind").asText(), fault.path("state").asText(),
                fault.path("startTime").asText() + ".." + fault.path("endTime").asText()));
        for (String part : List.of("scope", "parameters")) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = fault.path(part).fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                words.add(field.getKey() + "=" + (value.isArray() ? joined(value) : value.asText()));
            }
        }
        return String.join(" ", words);
    }

    private static String joined(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return String.join(",", values);
    }
}
