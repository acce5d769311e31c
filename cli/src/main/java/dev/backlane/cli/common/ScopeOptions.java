package dev.backlane.cli.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --account} and {@code --region} of the analysis commands: one scope, named by both or by neither. */
public final class ScopeOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--account", paramLabel = "ID", description = "Only this account (with --region).")
    private String account;

    @Option(names = "--region", paramLabel = "REGION", description = "Only this region (with --account).")
    private String region;

    /** Puts the scope into a request or query that does not name its own; a usage error when only one of the two was given. */
    public void applyTo(ObjectNode request) {
        if ((account == null) != (region == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--account and --region go together: give both, or neither");
        }
        if (account != null && !request.has("account") && !request.has("region")) {
            request.put("account", account).put("region", region);
        }
    }
}
