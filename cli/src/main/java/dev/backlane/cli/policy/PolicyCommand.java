package dev.backlane.cli.policy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code backlane policy}: validate and evaluate IAM policy documents offline. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Validate and evaluate IAM policy documents.",
        subcommands = {PolicyValidateCommand.class, PolicyEvalCommand.class})
public final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
