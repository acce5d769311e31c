package dev.backlane.server.requestlog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file rotated by size: when {@code requests.log} would grow past {@code maxBytes} it becomes
 * {@code requests.log.1}, the older ones move up by one, and the file beyond {@code keep} is deleted.
 * Appends to a file left by an earlier run, so a restart loses nothing.
 */
final class RotatingLogFile implements LineSink {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private Writer writer;
    private long size;

    RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("maxBytes and keep must be positive");
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(this.file.getParent());
        open();
    }

    @Override
    public void write(String line) throws IOException {
        // Lines are ASCII but for the odd header value; the character count is close enough for rotation.
        long length = line.length() + 1L;
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        writer.write(line);
        writer.write('\n');
        size += length;
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private void open() throws IOException {
        writer = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8),
                1 << 16);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        writer.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }
}
