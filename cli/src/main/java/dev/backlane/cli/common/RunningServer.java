package dev.backlane.cli.common;

import picocli.CommandLine.Option;

/**
 * The running Backlane a command talks to, as picocli mixes it into every such command: its {@code --endpoint-url}
 * option (see {@link EndpointUrl}) and a client of it.
 */
public final class RunningServer {
    @Option(names = "--endpoint-url", paramLabel = "URL", description = EndpointUrl.DESCRIPTION)
    private String endpointUrl;

    /** A client of the running Backlane the option, else the environment, names. */
    public AdminClient client() {
        return new AdminClient(EndpointUrl.resolve(endpointUrl, System.getenv()));
    }
}
