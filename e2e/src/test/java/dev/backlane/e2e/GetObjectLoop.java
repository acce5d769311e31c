package dev.backlane.e2e;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * GetObject of one key through a workload's gateway in a loop on a thread of its own, counting what came back: the
 * steady calls a burn-rate alert's windows need while a fault acts on them.
 */
final class GetObjectLoop implements AutoCloseable {
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** When the first failed answer came back (System.nanoTime()), 0 before. */
    final AtomicLong firstFailed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final S3Client s3;
    private final Thread thread;

    GetObjectLoop(URI gateway, String account, String bucket, String key) {
        s3 = WorkloadGatewayIT.s3(gateway, account);
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
                    succeeded.incrementAndGet();
                } catch (S3Exception e) {
                    firstFailed.compareAndSet(0, System.nanoTime());
                    failed.incrementAndGet();
                }
            }
        }, "get-object-loop");
        thread.start();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s3.close();
    }
}
