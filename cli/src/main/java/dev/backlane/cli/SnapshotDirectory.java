package dev.backlane.cli;

import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotLayout;
import dev.backlane.core.snapshot.SnapshotReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An account snapshot named on the command line ({@code --snapshot DIR}, {@code import DIR}), read with
 * plain messages: a path that does not exist, or holds no JSON file, is a usage error saying so.
 */
public final class SnapshotDirectory {
    private static final String LAYOUTS = "DIR/aws_configs/[ACCOUNT/]REGION/*.json, DIR/REGION/*.json or DIR/*.json";

    private SnapshotDirectory() {}

    public static Snapshot read(Path root) {
        InputFile.requireExisting(root, "the snapshot");
        try {
            if (SnapshotLayout.files(root).isEmpty()) {
                throw CommandFailure.usage("the snapshot " + root + " holds no JSON file: expected the output of aws ec2 describe-* as "
                        + LAYOUTS);
            }
            return SnapshotReader.read(root);
        } catch (UncheckedIOException e) {
            throw CommandFailure.usage("cannot read the snapshot " + root + ": " + e.getCause().getMessage());
        }
    }
}
