package dev.backlane.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code backlane fault remove ID...}: ends faults at once, through {@code DELETE /_backlane/faults/ID}. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove faults at once (they stop acting immediately).",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:every fault named was removed", "1:a fault named does not exist (or has ended); the others were removed",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class FaultRemoveCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "InvalidFaultId.NotFound";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The faults to remove (fault-...).")
    private List<String> ids;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Override
    public Integer call() {
        AdminClient server = runningServer.client();
        int exit = ExitCode.OK;
        for (String id : ids) {
            String path = "/_backlane/faults/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
            HttpResponse<String> response = server.send(server.request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 && NOT_FOUND.equals(code(response.body()))) {
                spec.commandLine().getErr().println("backlane fault remove: no fault " + id + " (it does not exist or has ended)");
                spec.commandLine().getErr().flush();
                exit = ExitCode.FAILED;
                continue;
            }
            server.check(response.statusCode(), path, response.body(), "the removal of " + id);
            spec.commandLine().getOut().println("removed " + id);
        }
        spec.commandLine().getOut().flush();
        return exit;
    }

    private static String code(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? null : node.path("code").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
