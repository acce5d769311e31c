package dev.backlane.server.requestlog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request log that costs the calling thread one queue insertion: a thread of its own formats the
 * records and writes them, buffered, flushing whenever it has caught up, so a line reaches the file
 * within milliseconds of its call. When the writer falls {@value #CAPACITY} records behind, further
 * records are dropped and counted, and the count is written as a line of its own ({@code dropped=N}):
 * a slow disk must not slow the API down.
 */
final class AsyncRequestLog implements RequestLog {
    private static final Logger LOG = Logger.getLogger(AsyncRequestLog.class.getName());
    static final int CAPACITY = 16_384;
    private static final int BATCH = 1_024;

    private final BlockingQueue<RequestRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final LineSink sink;
    /** Used by the writer thread only. */
    private final RequestLogLine lines = new RequestLogLine();
    private final Thread writer;
    private volatile boolean closing;
    private boolean failureReported;

    AsyncRequestLog(LineSink sink, String name) {
        this.sink = sink;
        this.writer = new Thread(this::drain, name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(RequestRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<RequestRecord> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                RequestRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        break;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.drainTo(batch);
            write(batch);
            try {
                sink.close();
            } catch (IOException e) {
                report(e);
            }
        }
    }

    private void write(List<RequestRecord> batch) {
        try {
            for (RequestRecord record : batch) {
                sink.write(lines.format(record));
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                sink.write("time=" + Instant.now() + " dropped=" + lost);
            }
            if (queue.isEmpty()) {
                sink.flush();
            }
        } catch (IOException e) {
            report(e);
        }
    }

    private void report(IOException e) {
        // Once: a full disk would otherwise log a warning per batch.
        if (!failureReported) {
            failureReported = true;
            LOG.log(Level.WARNING, "cannot write the request log: " + e.getMessage(), e);
        }
    }
}
