package dev.backlane.cli.gameday;

import dev.backlane.cli.common.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backlane gameday validate FILE}: checks a game-day file without a server; every problem with its line and field. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a game-day file (or a shipped game day's name) without running it.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the file is valid", "2:the file has errors (each printed as FILE:LINE:COLUMN: FIELD: problem) or cannot be read"})
public final class GamedayValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario: a YAML file, or the name of a shipped game day.")
    private String file;

    @Override
    public Integer call() {
        try {
            Scenario scenario = ScenarioSource.read(file);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s is valid: %d workloads, %d traffic, %d hypotheses, %d steps%n", file, scenario.setup().workloads().size(),
                    scenario.traffic().size(), scenario.hypotheses().size(), scenario.steps().size());
            out.flush();
            return ExitCode.OK;
        } catch (ScenarioException e) {
            return GamedayRunCommand.refuse(spec, e);
        }
    }
}
