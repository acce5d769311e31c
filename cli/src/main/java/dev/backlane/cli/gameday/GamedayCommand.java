package dev.backlane.cli.gameday;

import dev.backlane.cli.common.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backlane gameday}: rehearse failures on purpose, with steady traffic, hypotheses on the SLIs and a report. */
@Command(name = "gameday", mixinStandardHelpOptions = true,
        description = "Run game days: steady traffic through workloads' gateways, faults or FIS experiments, hypotheses on the SLIs, a report.",
        subcommands = {GamedayRunCommand.class, GamedayValidateCommand.class, GamedayListCommand.class},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:every hypothesis held", "1:a hypothesis broke (or could not be measured), or Backlane refused a step",
                "2:usage or validation error: a game-day file with an error (its line and field named), a bad option",
                ExitCode.UNREACHABLE_LINE})
public final class GamedayCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
