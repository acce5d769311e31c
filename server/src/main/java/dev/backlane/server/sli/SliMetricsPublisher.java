package dev.backlane.server.sli;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.Scope;
import dev.backlane.core.sli.SliMetricData;
import dev.backlane.core.sli.SliReport;
import dev.backlane.core.sli.SliWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts the SLIs over the last 5 minutes into CloudWatch's store each minute, in {@code Backlane/SLI} of the server's
 * default account and region ({@link SliMetricData}), at most {@link #MAX_KEYS} keys.
 */
public final class SliMetricsPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SliMetricsPublisher.class.getName());
    /** Up to 2,000 metrics (10 per key): a fifth of an account's store, leaving room for the users' own. */
    static final int MAX_KEYS = 200;

    private final Function<SliWindow, List<SliReport>> reports;
    private final MetricStore store;
    private final Scope scope;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService scheduler;

    public SliMetricsPublisher(Function<SliWindow, List<SliReport>> reports, MetricStore store, Scope scope, Supplier<Instant> clock, Duration every) {
        this.reports = requireNonNull(reports, "reports is null");
        this.store = requireNonNull(store, "store is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-sli-metrics");
            thread.setDaemon(true);
            return thread;
        });
        long millis = every.toMillis();
        scheduler.scheduleWithFixedDelay(this::publishQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Puts the current readings, stamped with the current minute (a later reading in the same minute adds a sample to it). */
    public void publishNow() {
        Instant now = clock.get();
        Instant minute = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60);
        store.put(scope, SliMetricData.of(reports.apply(SliWindow.FIVE_MINUTES), minute, MAX_KEYS), now);
    }

    private void publishQuietly() {
        try {
            publishNow();
        } catch (RuntimeException e) {
            // The scheduler must keep running; a failed minute is logged, not fatal.
            LOG.log(Level.WARNING, "publishing the SLIs to CloudWatch failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
