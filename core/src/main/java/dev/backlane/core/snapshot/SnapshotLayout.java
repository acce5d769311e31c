package dev.backlane.core.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the files of a snapshot are and what their place says: {@code DIR/aws_configs/ACCOUNT/REGION/},
 * {@code DIR/aws_configs/REGION/}, {@code DIR/REGION/}, or flat ({@code DIR/} or {@code DIR/aws_configs/}),
 * where the data must tell the account and region. When {@code aws_configs} exists only it is read,
 * so a Batfish snapshot's other directories are left alone.
 */
public final class SnapshotLayout {
    static final String AWS_CONFIGS = "aws_configs";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");

    private SnapshotLayout() {}

    /** A JSON file of the snapshot: its path and its name relative to the snapshot's directory, with {@code /}. */
    public record SnapshotFile(Path path, String name) {}

    /** What a file's directories say: an account and a region, each null when the layout does not give it. */
    public record Location(String account, String region) {}

    /** The JSON files of the snapshot at {@code root} (a directory, or one file), in name order. */
    public static List<SnapshotFile> files(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(new SnapshotFile(root, root.getFileName().toString()));
        }
        if (!Files.isDirectory(root)) {
            throw new UncheckedIOException(new IOException("no snapshot at " + root + ": not a directory or file"));
        }
        Path configs = root.resolve(AWS_CONFIGS);
        Path start = Files.isDirectory(configs) ? configs : root;
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json"))
                    .map(path -> new SnapshotFile(path, root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/")))
                    .sorted(java.util.Comparator.comparing(SnapshotFile::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the snapshot at " + root + ": " + e.getMessage(), e);
        }
    }

    /** The account and region the directories of {@code name} (relative, with {@code /}) give. */
    public static Location locate(String name) {
        String[] segments = name.split("/");
        int first = 0;
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals(AWS_CONFIGS)) {
                first = i + 1;
            }
        }
        String account = null;
        String region = null;
        for (int i = first; i < segments.length - 1; i++) {
            if (ACCOUNT.matcher(segments[i]).matches()) {
                account = segments[i];
            } else if (REGION.matcher(segments[i]).matches()) {
                region = segments[i];
            }
        }
        return new Location(account, region);
    }

    /** The region of a zone name: {@code us-east-1} for {@code us-east-1a} or {@code us-west-2-lax-1a}. */
    static String regionOfZone(String zone) {
        java.util.regex.Matcher matcher = Pattern.compile("^([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+)").matcher(zone == null ? "" : zone);
        return matcher.find() ? matcher.group(1) : null;
    }

    static boolean isAccount(String text) {
        return text != null && ACCOUNT.matcher(text).matches();
    }
}
