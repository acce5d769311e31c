package dev.backlane.core.metrics.gateway;

import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.RequestFacts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the workload gateways' request events into one-minute {@link RequestMetrics} in {@code Backlane/Requests}.
 *
 * <p>Cardinality is bounded: the first {@code maxKeys} distinct combinations of account, region, service, action,
 * status and error code are counted as they are; a call of a new combination past that is counted with service, action
 * and error code {@code Other}, keeping its account, region and status (at most 501 statuses, 0 and 100-599, each with
 * and without an error code), so the series of a server never exceed {@code maxKeys} plus that. The combinations are
 * remembered for the server's life, as Prometheus's series are, so the same call is always counted the same way.
 *
 * <p>Data is given out by {@link #flush} once the time passed to it reaches a minute's end; an event of a minute already
 * given out counts in the earliest open one. Nothing here reads a clock. Not thread-safe: one thread feeds it.
 */
public final class RequestAggregator {
    private static final long MINUTE = 60;
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private final int maxKeys;
    private final Set<RequestMetrics.Key> known = new HashSet<>();
    private final TreeMap<Long, Map<RequestMetrics.Key, Latencies>> windows = new TreeMap<>();
    private long flushedUntil = Long.MIN_VALUE;
    private long folded;

    /**
     * One key's calls in one minute: their latencies with how often each was seen, while there are at most
     * {@link Samples#MAX_DISTINCT_VALUES} distinct ones (percentiles need them), and always their count, sum, least and most.
     */
    private static final class Latencies {
        Map<Double, Double> counts = new HashMap<>();
        long calls;
        double sum;
        double minimum = Double.MAX_VALUE;
        double maximum = -Double.MAX_VALUE;

        void add(double milliseconds) {
            calls++;
            sum += milliseconds;
            minimum = Math.min(minimum, milliseconds);
            maximum = Math.max(maximum, milliseconds);
            if (counts != null) {
                counts.merge(milliseconds, 1.0, Double::sum);
                if (counts.size() > Samples.MAX_DISTINCT_VALUES) {
                    counts = null;
                }
            }
        }

        Samples samples() {
            return counts != null ? Samples.ofCounts(counts) : Samples.ofStatistics(calls, sum, minimum, maximum);
        }
    }

    public RequestAggregator(int maxKeys) {
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    /** Counts one call of a workload in {@code scope}; returns the key it was counted under (folded past the cap). */
    public RequestMetrics.Key request(Scope scope, GatewayRequestEvent event) {
        String service = event.facts().map(RequestFacts::service).filter(name -> !name.isEmpty()).orElse(RequestMetrics.UNKNOWN);
        String action = event.facts().map(RequestFacts::operation).filter(name -> !name.isEmpty()).orElse(RequestMetrics.UNKNOWN);
        RequestMetrics.Key key = new RequestMetrics.Key(scope, service, action, event.status(), event.errorCode());
        if (!known.contains(key)) {
            if (known.size() < maxKeys) {
                known.add(key);
            } else {
                key = key.folded();
                folded++;
            }
        }
        long minute = Math.max(Math.floorDiv(event.start().getEpochSecond(), MINUTE) * MINUTE, flushedUntil);
        windows.computeIfAbsent(minute, ignored -> new LinkedHashMap<>()).computeIfAbsent(key, ignored -> new Latencies())
                .add(milliseconds(event.latencyNanos()));
        return key;
    }

    /** How many calls were counted under {@link RequestMetrics#OTHER} because the cap was reached. */
    public long folded() {
        return folded;
    }

    /** A call's latency in milliseconds, to three significant digits: few enough distinct values for percentiles. */
    static double milliseconds(long nanos) {
        return new BigDecimal(nanos / 1e6).round(THREE_DIGITS).doubleValue();
    }

    /** The metrics of every minute that ended at or before {@code now}, oldest first. */
    public List<PrivateLinkAggregator.Published> flush(Instant now) {
        long nowSecond = now.getEpochSecond();
        List<PrivateLinkAggregator.Published> published = new ArrayList<>();
        while (!windows.isEmpty() && windows.firstKey() + MINUTE <= nowSecond) {
            Map.Entry<Long, Map<RequestMetrics.Key, Latencies>> entry = windows.pollFirstEntry();
            publish(entry.getKey(), entry.getValue(), published);
            flushedUntil = entry.getKey() + MINUTE;
        }
        flushedUntil = Math.max(flushedUntil, Math.floorDiv(nowSecond, MINUTE) * MINUTE);
        return published;
    }

    /** {@link #flush}, and the current minute so far, given out now and forgotten (the rest follows when it ends). */
    public List<PrivateLinkAggregator.Published> flushIncludingCurrent(Instant now) {
        List<PrivateLinkAggregator.Published> published = flush(now);
        long current = Math.floorDiv(now.getEpochSecond(), MINUTE) * MINUTE;
        Map<RequestMetrics.Key, Latencies> window = windows.remove(current);
        if (window != null) {
            publish(current, window, published);
        }
        return published;
    }

    private static void publish(long minute, Map<RequestMetrics.Key, Latencies> window, List<PrivateLinkAggregator.Published> published) {
        // Calls of several keys that share a dimension set (two statuses of one action) add up in it.
        Map<Scope, Map<MetricKey, Samples>> byMetric = new LinkedHashMap<>();
        window.forEach((key, calls) -> {
            Map<MetricKey, Samples> metrics = byMetric.computeIfAbsent(key.scope(), ignored -> new LinkedHashMap<>());
            Samples latencies = calls.samples();
            Samples counted = Samples.of(1, calls.calls);
            for (List<Dimension> dimensions : key.dimensionSets()) {
                metrics.merge(new MetricKey(RequestMetrics.NAMESPACE, RequestMetrics.REQUESTS, dimensions), counted, Samples::merge);
                metrics.merge(new MetricKey(RequestMetrics.NAMESPACE, RequestMetrics.LATENCY, dimensions), latencies, Samples::merge);
            }
        });
        Instant at = Instant.ofEpochSecond(minute);
        byMetric.forEach((scope, metrics) -> metrics.forEach((key, samples) -> published.add(new PrivateLinkAggregator.Published(scope,
                new MetricDatum(key, at, key.metricName().equals(RequestMetrics.LATENCY) ? "Milliseconds" : "Count", 60, samples)))));
    }
}
