package dev.backlane.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers notifications to one webhook from a thread of its own, so that a receiver that is down or slow never holds
 * up the evaluation: {@link #offer} only queues (at most {@code capacity} waiting; one more is dropped and counted),
 * and each is POSTed with up to {@code attempts} tries, waiting {@code backoff}, twice that, and so on between them.
 * As Alertmanager's webhook notifier, it retries a connection failure, a timeout, a 429 and a 5xx, and gives up at
 * once on another 4xx (the receiver refuses it: sending it again will not help).
 */
public final class WebhookDelivery implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI url;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final BlockingQueue<byte[]> queue;
    private final HttpClient http;
    private final Thread sender;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean closed;

    public WebhookDelivery(URI url, int capacity, int attempts, Duration backoff, Duration timeout) {
        this.url = url;
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.sender = new Thread(this::run, "backlane-alert-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a notification without waiting; false (and counted as dropped) when the queue is full. */
    public boolean offer(ObjectNode payload) {
        if (closed || !queue.offer(payload.toString().getBytes(StandardCharsets.UTF_8))) {
            dropped.incrementAndGet();
            return false;
        }
        queued.incrementAndGet();
        return true;
    }

    private void run() {
        while (!closed) {
            byte[] body;
            try {
                body = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (body != null && !deliver(body)) {
                abandoned.incrementAndGet();
            }
        }
    }

    /** Tries to deliver one notification; false when every attempt failed or the receiver refused it. */
    private boolean deliver(byte[] body) {
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts && !closed; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                        .header("User-Agent", "Backlane-Alerts").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    delivered.incrementAndGet();
                    return true;
                }
                failedAttempts.incrementAndGet();
                lastError.set("HTTP " + status);
                if (status / 100 == 4 && status != 429) {
                    return false;
                }
            } catch (IOException e) {
                failedAttempts.incrementAndGet();
                lastError.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
        LOG.log(Level.WARNING, "alert notification to {0} not delivered after {1} attempts: {2}", new Object[] {url, attempts, lastError.get()});
        return false;
    }

    public URI url() {
        return url;
    }

    /** What happened to the notifications offered so far. */
    public Stats stats() {
        return new Stats(url, queued.get(), queue.size(), delivered.get(), failedAttempts.get(), dropped.get(), abandoned.get(), lastError.get());
    }

    /**
     * Counts: {@code queued} accepted, {@code waiting} in the queue now, {@code delivered}, {@code failedAttempts}
     * (each failed try, retried or not), {@code dropped} (queue full), {@code abandoned} (retries spent or refused),
     * the last error (null when none).
     */
    public record Stats(URI url, long queued, long waiting, long delivered, long failedAttempts, long dropped, long abandoned, String lastError) {}

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
    }
}
