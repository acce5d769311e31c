package dev.backlane.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where an analysis command (explain, audit) reads the cloud from: a running Backlane, or an account
 * snapshot read offline in this process. Exactly one is given.
 */
public final class AnalysisSource {
    @Option(names = "--endpoint-url", paramLabel = "URL", required = true, description = "Use the Backlane running at URL.")
    private String endpointUrl;

    @Option(names = "--snapshot", paramLabel = "DIR", required = true,
            description = "Use an account snapshot (the JSON of aws ec2 describe-*), offline.")
    private Path snapshot;

    /** The URL of the running Backlane, or null when a snapshot was given. */
    public String endpointUrl() {
        return endpointUrl;
    }

    /** The snapshot directory, or null when a URL was given. */
    public Path snapshot() {
        return snapshot;
    }
}
