package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.EndpointUrl;
import dev.backlane.cli.common.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backlane gameday run FILE}: validates the scenario, runs it on a running Backlane ({@link GamedayRun}) and reports
 * ({@link GamedayReport}): a table (or JSON with {@code --json}) on standard output, and with {@code --report-dir} the
 * JSON and a self-contained HTML page written there.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a game day: set up its world, start steady traffic, take its steps (faults, FIS experiments, endpoint "
                + "deletions, waits), then report each hypothesis, each incident's time to detect and recovery, and the SLIs' budgets."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:every hypothesis held", "1:a hypothesis broke or could not be measured, or Backlane refused a step",
                "2:usage or validation error: the file has an error (its line and field are named) or an option is bad; nothing ran",
                ExitCode.UNREACHABLE_LINE})
public final class GamedayRunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario: a YAML file, or the name of a shipped game day (backlane gameday list).")
    private String file;

    @Option(names = "--time-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiply every wait and fault duration by FACTOR (0.5 runs twice as fast); a fault must still last 1s. Default: ${DEFAULT-VALUE}.")
    private double timeScale;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json and report.html (self-contained) into DIR.")
    private Path reportDirectory;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    private boolean json;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = EndpointUrl.DESCRIPTION)
    private String endpointUrl;

    @Override
    public Integer call() {
        if (!(timeScale > 0 && timeScale <= 100)) {
            throw CommandFailure.usage("--time-scale must be above 0 and at most 100, not " + timeScale);
        }
        Scenario scenario;
        try {
            scenario = ScenarioSource.read(file);
        } catch (ScenarioException e) {
            return refuse(spec, e);
        }
        try {
            GamedayRun.checkTimeScale(scenario, timeScale);
        } catch (GamedayUsageException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        AdminClient server = new AdminClient(EndpointUrl.resolve(endpointUrl, System.getenv()));
        server.getJson("/_backlane/health", "the health check");
        PrintWriter err = spec.commandLine().getErr();
        GamedayRun.Record record;
        try {
            record = new GamedayRun(server, scenario, timeScale, line -> {
                err.println("gameday: " + line);
                err.flush();
            }).run();
        } catch (GamedayFailure e) {
            throw CommandFailure.failed(e.getMessage());
        }
        ObjectNode report = GamedayReport.of(record);
        if (reportDirectory != null) {
            try {
                Files.createDirectories(reportDirectory);
                Files.writeString(reportDirectory.resolve("report.json"), report.toPrettyString(), StandardCharsets.UTF_8);
                Files.writeString(reportDirectory.resolve("report.html"), ReportHtml.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.usage("cannot write the report into " + reportDirectory + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toPrettyString());
            out.flush();
        } else {
            ReportTable.print(out, report);
        }
        return report.path("result").asText().equals("held") ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Prints every problem of a refused file on standard error; exit 2. */
    static int refuse(CommandLine.Model.CommandSpec spec, ScenarioException refused) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": the game day is refused; nothing ran:");
        refused.problems().forEach(problem -> err.println("  " + problem));
        err.flush();
        return ExitCode.USAGE;
    }
}
