package dev.backlane.cli.common;

import dev.backlane.core.world.World;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where an analysis command (explain, audit) reads the cloud from: an account snapshot read offline in
 * this process ({@code --snapshot}), or else a running Backlane ({@code --endpoint-url}, see
 * {@link EndpointUrl}). At most one is given.
 */
public final class AnalysisSource {
    @Option(names = "--endpoint-url", paramLabel = "URL", description = EndpointUrl.DESCRIPTION)
    private String endpointUrl;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Use an account snapshot (the JSON of aws ec2 describe-*), offline, instead of a running Backlane.")
    private Path snapshot;

    /** Whether a snapshot was given; else the commands ask a running Backlane. */
    public boolean isSnapshot() {
        return snapshot != null;
    }

    /** The snapshot's world; only when {@link #isSnapshot()}. */
    public World snapshotWorld() {
        return SnapshotDirectory.read(snapshot).world();
    }

    /** A client of the running Backlane; only when not {@link #isSnapshot()}. */
    public AdminClient server() {
        return new AdminClient(EndpointUrl.resolve(endpointUrl, System.getenv()));
    }
}
