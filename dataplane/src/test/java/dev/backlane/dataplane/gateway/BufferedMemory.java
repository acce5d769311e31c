package dev.backlane.dataplane.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches how much memory Netty's allocator holds for buffers while a test runs (the gateway is the only Netty
 * user in these tests: the upstream and the clients are the JDK's), sampling every millisecond; the peak is what
 * the gateway buffered at most, give or take one sample.
 */
final class BufferedMemory implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private BufferedMemory() {
        ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        long baseline = metric.usedDirectMemory() + metric.usedHeapMemory();
        sampler = new Thread(() -> {
            while (running) {
                long used = metric.usedDirectMemory() + metric.usedHeapMemory() - baseline;
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "buffered-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    static BufferedMemory watch() {
        return new BufferedMemory();
    }

    long peak() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
