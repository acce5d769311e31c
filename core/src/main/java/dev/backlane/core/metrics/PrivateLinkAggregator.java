package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns PrivateLink traffic into AWS's one-minute PrivateLink metrics: per minute and per endpoint side (and subnet)
 * and service side, the connections opened ({@code NewConnections}), the bytes both ways ({@code BytesProcessed}),
 * connections dropped ({@code PacketsDropped}) and reset by the target ({@code RstPacketsReceived} on the endpoint,
 * {@code RstPacketsSent} on the service), and how many were open ({@code ActiveConnections}: the minute's time-weighted
 * average, its minimum and maximum, as one statistic set). A side with no traffic in a minute and nothing open is not
 * published, as AWS reports these metrics only when the endpoint received traffic. Data is given out by {@link #flush}
 * once the time passed to it reaches a minute's end; an event of a minute already given out counts in the earliest open
 * one. Time comes from the events and the caller; nothing here reads a clock. Not thread-safe: one thread feeds it.
 * Bounded: at most {@code maxSides} sides are tracked per minute; traffic of further sides is counted in {@link #dropped}.
 */
public final class PrivateLinkAggregator {
    private static final long MINUTE = 60;

    private final int maxSides;
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private final ConnectionGauges<PrivateLinkMetrics.Side> gauges = new ConnectionGauges<>();
    private long flushedUntil = Long.MIN_VALUE;
    private long dropped;

    /** One minute of one side's traffic. */
    private static final class Counters {
        long newConnections;
        long bytes;
        long packetsDropped;
        long resets;
        final ConnectionGauges.Window active = new ConnectionGauges.Window();
    }

    private static final class Window {
        final Map<PrivateLinkMetrics.Side, Counters> sides = new LinkedHashMap<>();
    }

    /** A metric value ready for the store, in the account and region it belongs to. */
    public record Published(Scope scope, MetricDatum datum) {
        public Published {
            requireNonNull(scope, "scope is null");
            requireNonNull(datum, "datum is null");
        }
    }

    public PrivateLinkAggregator(int maxSides) {
        if (maxSides <= 0) {
            throw new IllegalArgumentException("maxSides must be positive: " + maxSides);
        }
        this.maxSides = maxSides;
    }

    /** A connection through the endpoint reached its service's target. */
    public void opened(Instant at, PrivateLinkMetrics.EndpointSide endpoint, PrivateLinkMetrics.ServiceSide service) {
        for (PrivateLinkMetrics.Side side : List.of(endpoint, service)) {
            Counters counters = counters(side, at);
            if (counters != null) {
                counters.newConnections++;
                change(side, counters, at, +1);
            }
        }
    }

    /** A connection of {@link #opened} ended, having carried {@code bytes} both ways; {@code targetReset} when the target reset it. */
    public void closed(Instant at, PrivateLinkMetrics.EndpointSide endpoint, PrivateLinkMetrics.ServiceSide service, long bytes, boolean targetReset) {
        for (PrivateLinkMetrics.Side side : List.of(endpoint, service)) {
            Counters counters = counters(side, at);
            if (counters != null) {
                counters.bytes += bytes;
                counters.resets += targetReset ? 1 : 0;
                change(side, counters, at, -1);
            }
        }
    }

    /** A connection through the endpoint that reached no target: reset (the consumer got a RST) or dropped. */
    public void refused(Instant at, PrivateLinkMetrics.EndpointSide endpoint, boolean reset) {
        Counters counters = counters(endpoint, at);
        if (counters != null) {
            if (reset) {
                counters.resets++;
            } else {
                counters.packetsDropped++;
            }
            gauges.touch(endpoint, counters.active);
        }
    }

    /**
     * An AWS call a workload made through an interface endpoint, from {@code start} for {@code seconds}: one connection
     * through the endpoint, open that long, with its bytes both ways.
     */
    public void call(Instant start, double seconds, PrivateLinkMetrics.EndpointSide endpoint, long bytes) {
        Counters counters = counters(endpoint, start);
        if (counters != null) {
            counters.newConnections++;
            counters.bytes += bytes;
            gauges.touch(endpoint, counters.active);
            counters.active.addConnection(Math.min(seconds, MINUTE), gauges.open(endpoint));
        }
    }

    /** How many events were not counted because too many sides were tracked. */
    public long dropped() {
        return dropped;
    }

    /** The metrics of every minute that ended at or before {@code now}, oldest first. */
    public List<Published> flush(Instant now) {
        long nowSecond = now.getEpochSecond();
        List<Published> published = new ArrayList<>();
        while (!windows.isEmpty() && windows.firstKey() + MINUTE <= nowSecond) {
            Map.Entry<Long, Window> entry = windows.pollFirstEntry();
            publish(entry.getKey(), entry.getValue(), published, entry.getKey() + MINUTE);
            flushedUntil = entry.getKey() + MINUTE;
        }
        // Minutes in which nothing happened still have the connections open from before active in them (at most an hour of them).
        long current = Math.floorDiv(nowSecond, MINUTE) * MINUTE;
        if (!gauges.isEmpty() && flushedUntil != Long.MIN_VALUE) {
            for (long minute = Math.max(flushedUntil, current - 60 * MINUTE); minute + MINUTE <= nowSecond; minute += MINUTE) {
                publish(minute, new Window(), published, minute + MINUTE);
            }
        }
        flushedUntil = Math.max(flushedUntil, current);
        gauges.forgetClosed();
        return published;
    }

    /**
     * {@link #flush}, and what the current minute has counted until {@code now}: given out now and forgotten, so that the
     * rest of the minute is given out on its own when the minute ends (two data points at the minute's timestamp, whose
     * sums add up to the minute's).
     */
    public List<Published> flushIncludingCurrent(Instant now) {
        List<Published> published = flush(now);
        long current = Math.floorDiv(now.getEpochSecond(), MINUTE) * MINUTE;
        Window window = windows.remove(current);
        if (window != null || !gauges.isEmpty()) {
            publish(current, window == null ? new Window() : window, published, now.getEpochSecond() + now.getNano() / 1e9);
        }
        return published;
    }

    /** Adds the window's metrics, counting connections open until {@code end} (the minute's end, or now for the current one). */
    private void publish(long minute, Window window, List<Published> published, double end) {
        double start = minute;
        // Sides with connections open through the minute are active even without an event in it.
        gauges.openKeys().forEach(side -> window.sides.putIfAbsent(side, new Counters()));
        Map<Scope, Map<MetricKey, Samples>> byMetric = new LinkedHashMap<>();
        window.sides.forEach((side, counters) -> {
            gauges.carry(side, counters.active, minute, end);
            Samples active = counters.active.statistics(end - start);
            Map<MetricKey, Samples> metrics = byMetric.computeIfAbsent(side.scope(), ignored -> new LinkedHashMap<>());
            for (List<Dimension> dimensions : side.dimensionSets()) {
                Function<String, MetricKey> key = name -> new MetricKey(side.namespace(), name, dimensions);
                add(metrics, key.apply(PrivateLinkMetrics.ACTIVE_CONNECTIONS), active);
                add(metrics, key.apply(PrivateLinkMetrics.BYTES_PROCESSED), Samples.of(counters.bytes, 1));
                add(metrics, key.apply(PrivateLinkMetrics.NEW_CONNECTIONS), Samples.of(counters.newConnections, 1));
                add(metrics, key.apply(side.resetMetric()), Samples.of(counters.resets, 1));
                if (side instanceof PrivateLinkMetrics.EndpointSide) {
                    // Only endpoints count what was dropped: a dropped connection never reached the service.
                    add(metrics, key.apply(PrivateLinkMetrics.PACKETS_DROPPED), Samples.of(counters.packetsDropped, 1));
                }
            }
        });
        Instant at = Instant.ofEpochSecond(minute);
        byMetric.forEach((scope, metrics) -> metrics.forEach((key, samples) ->
                published.add(new Published(scope, new MetricDatum(key, at, unit(key.metricName()), 60, samples)))));
    }

    /** Sides that share a dimension set (two subnets of one endpoint) add up in it. */
    private static void add(Map<MetricKey, Samples> metrics, MetricKey key, Samples samples) {
        metrics.merge(key, samples, (a, b) -> Samples.ofStatistics(1, a.sum() + b.sum(), a.minimum() + b.minimum(), a.maximum() + b.maximum()));
    }

    private static String unit(String metricName) {
        return metricName.equals(PrivateLinkMetrics.BYTES_PROCESSED) ? "Bytes" : "Count";
    }

    private Counters counters(PrivateLinkMetrics.Side side, Instant at) {
        long minute = Math.max(Math.floorDiv(at.getEpochSecond(), MINUTE) * MINUTE, flushedUntil);
        Window window = windows.computeIfAbsent(minute, ignored -> new Window());
        Counters counters = window.sides.get(side);
        if (counters == null) {
            if (window.sides.size() >= maxSides) {
                dropped++;
                return null;
            }
            counters = new Counters();
            window.sides.put(side, counters);
        }
        return counters;
    }

    /** A connection of the side opened or closed: counted from the start of the minute of {@code at}. */
    private void change(PrivateLinkMetrics.Side side, Counters counters, Instant at, int delta) {
        gauges.change(side, counters.active, Math.floorDiv(at.getEpochSecond(), MINUTE) * MINUTE, at, delta);
    }
}
