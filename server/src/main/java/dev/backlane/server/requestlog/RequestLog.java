package dev.backlane.server.requestlog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One line per API call ({@link RequestRecord}), written off the request's thread. Whatever takes the
 * call (the JDK HTTP server today) builds the record and hands it over; nothing here knows HTTP.
 */
public interface RequestLog extends AutoCloseable {
    /** Rotate {@code requests.log} at this size. */
    long FILE_BYTES = 16L * 1024 * 1024;
    /** Rotated files kept besides the current one. */
    int FILES_KEPT = 5;

    /** Takes a record; never blocks and never throws for a full or failing destination. */
    void record(RequestRecord record);

    /** Writes what was recorded and releases the destination. */
    @Override
    void close();

    /** Keeps nothing. */
    static RequestLog off() {
        return new RequestLog() {
            @Override
            public void record(RequestRecord record) {}

            @Override
            public void close() {}
        };
    }

    /** To {@code file}, rotated at {@link #FILE_BYTES} with {@link #FILES_KEPT} old files kept; the directory is created. */
    static RequestLog toFile(Path file) {
        try {
            return new AsyncRequestLog(new RotatingLogFile(file, FILE_BYTES, FILES_KEPT), "backlane-request-log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the request log " + file + ": " + e.getMessage(), e);
        }
    }

    /** To standard output, one line per call. */
    static RequestLog toStandardOutput() {
        PrintStream out = System.out;
        return new AsyncRequestLog(new LineSink() {
            @Override
            public void write(String line) {
                out.println(line);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        }, "backlane-request-log");
    }
}
