package dev.backlane.server.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.alert.AlertEngine;
import dev.backlane.core.alert.AlertNotification;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.sli.SliBook;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's alerts: the rules of its {@link AlertConfig} evaluated every interval over the SLI book for each VPC
 * endpoint of the world, on a thread of their own, and the notifications of the groups that changed queued for each
 * webhook ({@link WebhookDelivery}), which never makes the evaluation wait.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    /** Notifications waiting per webhook; more are dropped and counted. */
    static final int QUEUE_CAPACITY = 256;
    static final int ATTEMPTS = 5;

    private final AlertConfig config;
    private final AlertEngine engine;
    private final SliBook book;
    private final Supplier<WorldIndex> world;
    private final Supplier<Instant> clock;
    private final Supplier<URI> externalUrl;
    private final List<WebhookDelivery> webhooks;
    private final ScheduledExecutorService evaluator;
    private final AtomicReference<Instant> lastEvaluation = new AtomicReference<>();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();

    public Alerts(AlertConfig config, SliBook book, Supplier<WorldIndex> world, Supplier<Instant> clock, Supplier<URI> externalUrl) {
        this.config = config;
        this.engine = new AlertEngine(config.settings().rules(), config.timeScale());
        this.book = book;
        this.world = world;
        this.clock = clock;
        this.externalUrl = externalUrl;
        // Retries wait a second, then 2, 4 and 8 (on a scaled clock, that divided, at least 10 ms).
        Duration backoff = Duration.ofSeconds(1).dividedBy(config.timeScale());
        Duration firstRetry = backoff.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : backoff;
        this.webhooks = config.settings().webhooks().stream()
                .map(url -> new WebhookDelivery(url, QUEUE_CAPACITY, ATTEMPTS, firstRetry, Duration.ofSeconds(10))).toList();
        this.evaluator = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-alerts");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.evaluationInterval().toMillis();
        evaluator.scheduleWithFixedDelay(this::evaluateSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert evaluation failed", e);
        }
    }

    /** One evaluation now: the engine's step, and its notifications queued for every webhook. */
    public void evaluate() {
        URI external = externalUrl.get();
        if (external == null) {
            // Not listening yet: nothing has been measured either.
            return;
        }
        Instant now = clock.get();
        List<AlertNotification> changed = engine.evaluate(now, book, config.slos(), EndpointSubjects.of(world.get()));
        lastEvaluation.set(now);
        evaluations.incrementAndGet();
        for (AlertNotification notification : changed) {
            ObjectNode payload = AlertmanagerPayload.of(notification, external);
            notifications.incrementAndGet();
            for (WebhookDelivery webhook : webhooks) {
                webhook.offer(payload);
            }
        }
    }

    public AlertEngine engine() {
        return engine;
    }

    public AlertConfig config() {
        return config;
    }

    /** {@code /_backlane/alerts}'s answer. */
    public ObjectNode answer() {
        return AlertsJson.answer(this, clock.get());
    }

    Instant lastEvaluation() {
        return lastEvaluation.get();
    }

    long evaluations() {
        return evaluations.get();
    }

    long notifications() {
        return notifications.get();
    }

    List<WebhookDelivery.Stats> deliveries() {
        return webhooks.stream().map(WebhookDelivery::stats).toList();
    }

    URI externalUrl() {
        return externalUrl.get();
    }

    @Override
    public void close() {
        evaluator.shutdownNow();
        webhooks.forEach(WebhookDelivery::close);
    }
}
