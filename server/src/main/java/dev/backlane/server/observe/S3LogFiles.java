package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * The "s3" destination of flow logs and query logs: each log file is written gzipped to {@code <root>/<bucket>/<key>},
 * the key in AWS's layout ({@link dev.backlane.core.flowlog.LogObjectKeys}), first to a temporary file beside it and
 * then moved into place, so a reader never sees half a file.
 */
final class S3LogFiles {
    private final Path root;

    S3LogFiles(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** Writes the object; throws when the directory cannot be made or the file written (a full disk, a file in the way). */
    Path write(String bucket, String key, byte[] content) throws IOException {
        Path file = root.resolve(bucket).resolve(key).normalize();
        if (!file.startsWith(root.resolve(bucket).normalize())) {
            throw new IOException("the key " + key + " leaves the bucket's directory");
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
            out.write(content);
        }
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path root() {
        return root;
    }
}
