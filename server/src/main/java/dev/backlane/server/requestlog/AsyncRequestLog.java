package dev.backlane.server.requestlog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request log that costs the calling thread one queue insertion: a thread of its own formats the
 * records and writes them, buffered, flushing whenever it has caught up, so a line reaches the file
 * within milliseconds of its call. When the writer falls {@value #CAPACITY} records behind, further
 * records are dropped and counted, and the count is written as a line of its own ({@code dropped=N}):
 * a slow disk must not slow the API down.
 *
 * <p>A caller wakes the writer only when it sleeps with nothing to do; woken, the writer lets records
 * gather for {@value #LINGER_MICROS} µs before it writes them. So under load it is woken a few hundred
 * times a second, not once per call: a wake-up is a thread hand-over on the API's path, which on a
 * 2-core machine cost about a tenth of a durable create's CPU (bench/README.md).
 */
final class AsyncRequestLog implements RequestLog {
    private static final Logger LOG = Logger.getLogger(AsyncRequestLog.class.getName());
    static final int CAPACITY = 16_384;
    private static final int BATCH = 1_024;
    /** How long a woken writer waits for more records before it writes. */
    static final long LINGER_MICROS = 2_000;
    /** How long an idle writer sleeps before it looks whether it is closing. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BlockingQueue<RequestRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final LineSink sink;
    /** Used by the writer thread only. */
    private final RequestLogLine lines = new RequestLogLine();
    private final Thread writer;
    private volatile boolean closing;
    /** The writer has found nothing to write and sleeps until a caller wakes it. */
    private volatile boolean idle;
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
        if (idle) {
            idle = false;
            LockSupport.unpark(writer);
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<RequestRecord> batch = new ArrayList<>(BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                if (queue.drainTo(batch, BATCH) > 0) {
                    write(batch);
                    batch.clear();
                } else {
                    sleepUntilWoken();
                }
            }
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

    /**
     * Sleeps until a caller records something (or a while passes), then lingers so that what follows
     * is written with it. {@code idle} is set before the queue is looked at, so a record offered after
     * that look finds it set and wakes this thread.
     */
    private void sleepUntilWoken() {
        idle = true;
        if (queue.isEmpty() && !closing) {
            LockSupport.parkNanos(this, IDLE_NANOS);
        }
        boolean woken = !idle;
        idle = false;
        if (woken && !closing) {
            LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(LINGER_MICROS));
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
