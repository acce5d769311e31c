package dev.backlane.cli.fault;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backlane fault}: inject, list and remove faults (F1-F4, F7) on a running Backlane. */
@Command(
        name = "fault",
        mixinStandardHelpOptions = true,
        description = "Inject, list and remove faults (the failure modes F1-F4 and F7) on a running Backlane.",
        subcommands = {FaultAddCommand.class, FaultListCommand.class, FaultRemoveCommand.class})
public final class FaultCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
