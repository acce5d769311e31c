package dev.backlane.cli;

import dev.backlane.cli.audit.AuditCommand;
import dev.backlane.cli.explain.ExplainCommand;
import dev.backlane.cli.policy.PolicyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code backlane} command: runs the emulator and the offline tools (policy, explain, audit,
 * import, export). Each subcommand is its own class; this one only gathers them.
 */
@Command(
        name = "backlane",
        mixinStandardHelpOptions = true,
        versionProvider = BacklaneVersion.class,
        description = "AWS VPC endpoints, emulated on one machine.",
        subcommands = {CommandLine.HelpCommand.class, StartCommand.class, PolicyCommand.class, ExportCommand.class,
                ImportStateCommand.class, ImportCommand.class, ExplainCommand.class, AuditCommand.class})
public final class BacklaneCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new BacklaneCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
