package dev.backlane.server.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AsyncRequestLogTest {
    /** Keeps lines in memory; can hold the writer thread to let the queue fill up. */
    private static final class MemorySink implements LineSink {
        final List<String> lines = new ArrayList<>();
        final CountDownLatch release;
        int flushes;
        boolean closed;

        MemorySink(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public synchronized void write(String line) {
            lines.add(line);
        }

        @Override
        public void flush() throws java.io.IOException {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            synchronized (this) {
                flushes++;
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
        }
    }

    private static RequestRecord record(int n) {
        return new RequestRecord(Instant.EPOCH, "request-" + n, "000000000000", "us-east-1", "ec2", "CreateTags", List.of(), 200, null, 0, null,
                null, null, true);
    }

    @Test
    void everyRecordIsWrittenInOrderAndFlushedByClose() {
        MemorySink sink = new MemorySink(new CountDownLatch(0));
        AsyncRequestLog log = new AsyncRequestLog(sink, "test-request-log");
        for (int i = 0; i < 1000; i++) {
            log.record(record(i));
        }
        log.close();
        assertEquals(1000, sink.lines.size());
        for (int i = 0; i < 1000; i++) {
            assertTrue(sink.lines.get(i).contains(" request_id=request-" + i + " "), sink.lines.get(i));
        }
        assertTrue(sink.flushes > 0 && sink.closed);
    }

    @Test
    void aStalledDestinationDropsAndCountsRecordsInsteadOfBlockingCallers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MemorySink sink = new MemorySink(release);
        AsyncRequestLog log = new AsyncRequestLog(sink, "test-request-log");
        log.record(record(-1));
        Thread.sleep(200);
        // The writer is held in flush; these fill the queue and overflow it without blocking.
        int extra = 100;
        for (int i = 0; i < AsyncRequestLog.CAPACITY + extra; i++) {
            log.record(record(i));
        }
        release.countDown();
        log.close();
        assertEquals(1 + AsyncRequestLog.CAPACITY + 1, sink.lines.size());
        assertEquals(1, sink.lines.stream().filter(line -> line.endsWith(" dropped=" + extra)).count(), "one line counts the dropped records");
    }
}
