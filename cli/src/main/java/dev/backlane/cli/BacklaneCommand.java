package dev.backlane.cli;

import dev.backlane.cli.audit.AuditCommand;
import dev.backlane.cli.cost.CostCommand;
import dev.backlane.cli.alert.AlertsCommand;
import dev.backlane.cli.sli.SliCommand;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.dns.DnsCommand;
import dev.backlane.cli.explain.ExplainCommand;
import dev.backlane.cli.fault.FaultCommand;
import dev.backlane.cli.gameday.GamedayCommand;
import dev.backlane.cli.policy.PolicyCommand;
import dev.backlane.cli.run.RunCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code backlane} command: runs the emulator and the offline tools (policy, explain, audit,
 * import, export). Each subcommand is its own class; this one gathers them and turns every failure
 * into one plain sentence on standard error and an exit code from {@link ExitCode}.
 */
@Command(
        name = "backlane",
        mixinStandardHelpOptions = true,
        versionProvider = BacklaneVersion.class,
        description = "AWS VPC endpoints, emulated on one machine.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:done; every expectation (--expect, --fail-on) met",
                "1:done, but the answer is a failure: an unmet --expect, audit findings at --fail-on, a refused document or query",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE},
        subcommands = {CommandLine.HelpCommand.class, StartCommand.class, PolicyCommand.class, ExportCommand.class,
                ImportStateCommand.class, ImportCommand.class, ExplainCommand.class, AuditCommand.class, CostCommand.class, SliCommand.class, AlertsCommand.class,
                        DnsCommand.class, FaultCommand.class, GamedayCommand.class,
                        RunCommand.class})
public final class BacklaneCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new BacklaneCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        // Subcommands answer -V with the same version as backlane itself.
        BacklaneVersion version = new BacklaneVersion();
        commandLine.getCommandSpec().subcommands().values().forEach(sub -> versionEverywhere(sub, version));
        // Everything after run's first positional argument is the program's, options included.
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        commandLine.setParameterExceptionHandler(BacklaneCommand::usageError);
        commandLine.setExecutionExceptionHandler(BacklaneCommand::failure);
        return commandLine;
    }

    private static void versionEverywhere(CommandLine command, BacklaneVersion version) {
        command.getCommandSpec().versionProvider(version);
        command.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
    }

    /** A bad command line: the reason, a suggestion when picocli has one, and where to find the options; exit 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** A command that stopped early: its sentence, or for anything unforeseen (a bug) the most a user can act on. */
    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int exit;
        if (e instanceof CommandFailure failure) {
            err.println(name + ": " + failure.getMessage());
            exit = failure.exitCode();
        } else {
            String message = e.getMessage();
            err.println(name + ": internal error, please report it: " + (message == null || message.isBlank() ? "no message" : message));
            exit = ExitCode.FAILED;
        }
        err.flush();
        return exit;
    }
}
