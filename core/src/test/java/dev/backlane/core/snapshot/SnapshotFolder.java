package dev.backlane.core.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a snapshot directory of test files for {@link SnapshotReader}, which takes documents and does no
 * I/O: lists the files, keeps those {@link SnapshotLayout#documentNames} names and reads them as text.
 */
public final class SnapshotFolder {
    private SnapshotFolder() {}

    public static Snapshot read(Path root) {
        return SnapshotReader.standard().readTexts(texts(root));
    }

    public static Map<String, String> texts(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            Map<String, Path> byName = new TreeMap<>();
            files.forEach(file -> byName.put(root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/"), file));
            Map<String, String> texts = new TreeMap<>();
            for (String name : SnapshotLayout.documentNames(byName.keySet())) {
                texts.put(name, new String(Files.readAllBytes(byName.get(name)), StandardCharsets.UTF_8));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
