package dev.backlane.server.requestlog;

import java.io.IOException;

/** Where finished log lines go: a rotating file or standard output. Used by one thread at a time. */
interface LineSink {
    /** Appends a line; it need not reach its destination before {@link #flush()}. */
    void write(String line) throws IOException;

    void flush() throws IOException;

    void close() throws IOException;
}
