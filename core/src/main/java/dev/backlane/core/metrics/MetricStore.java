package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch's metric data, per account and region, in memory and bounded: at most {@code maxMetricsPerScope}
 * metrics per account and region (past it, the metric that received data longest ago is dropped to make room)
 * and {@code maxBucketsPerMetric} time buckets per metric (the oldest go first), with AWS's retention and
 * roll-up by age. Time is the caller's ({@code now}); nothing here reads a clock. Thread-safe.
 */
public final class MetricStore {
    /** ListMetrics' RecentlyActive=PT3H: metrics that received data in the past three hours. */
    static final long RECENTLY_ACTIVE_SECONDS = 3 * 3600;
    /** ListMetrics lists a metric for two weeks after it last received data. */
    static final long LISTED_SECONDS = 14 * 24 * 3600;

    private final int maxMetricsPerScope;
    private final int maxBucketsPerMetric;
    private final Map<Scope, Map<MetricKey, MetricSeries>> scopes = new HashMap<>();

    public MetricStore(int maxMetricsPerScope, int maxBucketsPerMetric) {
        if (maxMetricsPerScope <= 0 || maxBucketsPerMetric <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxMetricsPerScope = maxMetricsPerScope;
        this.maxBucketsPerMetric = maxBucketsPerMetric;
    }

    /** 10,000 metrics per account and region, 1,440 buckets (a day of one-minute data) each. */
    public static MetricStore standard() {
        return new MetricStore(10_000, 1_440);
    }

    public synchronized void put(Scope scope, List<MetricDatum> data, Instant now) {
        requireNonNull(scope, "scope is null");
        Map<MetricKey, MetricSeries> metrics = scopes.computeIfAbsent(scope, ignored -> new HashMap<>());
        long nowSecond = now.getEpochSecond();
        for (MetricDatum datum : data) {
            MetricSeries series = metrics.get(datum.key());
            if (series == null) {
                if (metrics.size() >= maxMetricsPerScope) {
                    metrics.entrySet().stream().min(Comparator.comparingLong(entry -> entry.getValue().lastPutSecond()))
                            .map(Map.Entry::getKey).ifPresent(metrics::remove);
                }
                series = new MetricSeries(maxBucketsPerMetric);
                metrics.put(datum.key(), series);
            }
            series.add(datum, nowSecond);
        }
    }

    /** The metric's data in [start, end) by period, per {@link MetricSeries#datapoints}; empty for a metric with none. */
    public synchronized List<Datapoint> datapoints(Scope scope, MetricKey key, Instant start, Instant end, int periodSeconds, Optional<String> unit,
            Instant now) {
        MetricSeries series = scopes.getOrDefault(scope, Map.of()).get(key);
        return series == null ? List.of() : series.datapoints(start, end, periodSeconds, unit, now.getEpochSecond());
    }

    /** The scope's metrics that match, sorted; with {@code recentlyActive}, only those that received data in the past three hours. */
    public synchronized List<MetricKey> list(Scope scope, Optional<String> namespace, Optional<String> metricName,
            List<MetricKey.DimensionFilter> dimensions, boolean recentlyActive, Instant now) {
        long nowSecond = now.getEpochSecond();
        return scopes.getOrDefault(scope, Map.of()).entrySet().stream()
                .filter(entry -> namespace.map(entry.getKey().namespace()::equals).orElse(true))
                .filter(entry -> metricName.map(entry.getKey().metricName()::equals).orElse(true))
                .filter(entry -> entry.getKey().matches(dimensions))
                .filter(entry -> nowSecond - entry.getValue().lastPutSecond() <= LISTED_SECONDS)
                .filter(entry -> !recentlyActive || nowSecond - entry.getValue().lastPutSecond() <= RECENTLY_ACTIVE_SECONDS)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** How many metrics the scope holds. */
    public synchronized int size(Scope scope) {
        return scopes.getOrDefault(scope, Map.of()).size();
    }
}
