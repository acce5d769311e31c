package dev.backlane.cli.gameday;

import dev.backlane.cli.common.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backlane gameday list}: the game days shipped in the jar, runnable by name. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped game days (run one with: backlane gameday run NAME).",
        exitCodeListHeading = ExitCode.HEADING, exitCodeList = {"0:listed"})
public final class GamedayListCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : ShippedScenarios.names()) {
            Scenario scenario = ScenarioReader.read(name, ShippedScenarios.text(name).orElseThrow());
            out.printf("%-32s %s%n", name, scenario.description().lines().findFirst().orElse(""));
        }
        out.flush();
        return ExitCode.OK;
    }
}
