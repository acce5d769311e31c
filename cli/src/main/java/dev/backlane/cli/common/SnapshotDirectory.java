package dev.backlane.cli.common;

import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotLayout;
import dev.backlane.core.snapshot.SnapshotReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An account snapshot named on the command line ({@code --snapshot DIR}, {@code import DIR}), read with
 * plain messages: a path that does not exist, or holds no JSON file, is a usage error saying so. This
 * is where the snapshot's files are listed and read; core's {@link SnapshotReader} takes their text.
 */
public final class SnapshotDirectory {
    private static final String LAYOUTS = "DIR/aws_configs/[ACCOUNT/]REGION/*.json, DIR/REGION/*.json or DIR/*.json";

    private SnapshotDirectory() {}

    public static Snapshot read(Path root) {
        return SnapshotReader.standard().readTexts(texts(root));
    }

    /**
     * The snapshot's documents as text, keyed by their name relative to {@code root} with {@code /}; a
     * single file is a snapshot of one document.
     */
    public static Map<String, String> texts(Path root) {
        InputFile.requireExisting(root, "the snapshot");
        try {
            Map<String, String> texts = new TreeMap<>();
            if (Files.isRegularFile(root)) {
                texts.put(root.getFileName().toString(), text(root));
                return texts;
            }
            Map<String, Path> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(file -> files.put(nameOf(root, file), file));
            }
            for (String name : SnapshotLayout.documentNames(files.keySet())) {
                texts.put(name, text(files.get(name)));
            }
            if (texts.isEmpty()) {
                throw CommandFailure.usage("the snapshot " + root + " holds no JSON file: expected the output of aws ec2 describe-* as "
                        + LAYOUTS);
            }
            return texts;
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read the snapshot " + root + ": " + e.getMessage());
        }
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String nameOf(Path root, Path file) {
        return root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/");
    }
}
