package dev.backlane.core.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stored data of one metric: buckets by start second, each as wide as its data's resolution (1 or 60
 * seconds) until it ages into a coarser one ({@link Retention}), with the samples per unit. At most
 * {@code maxBuckets} are kept; beyond, the oldest go first. Not thread-safe: {@link MetricStore} guards it.
 */
final class MetricSeries {
    private static final long COMPACT_EVERY_SECONDS = 60;

    private final int maxBuckets;
    private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();
    private long lastPutSecond = Long.MIN_VALUE;
    private long lastCompactedSecond = Long.MIN_VALUE;

    private static final class Bucket {
        final long width;
        final Map<String, Samples> byUnit = new LinkedHashMap<>(2);

        Bucket(long width) {
            this.width = width;
        }

        void add(String unit, Samples samples) {
            byUnit.merge(unit, samples, Samples::merge);
        }
    }

    MetricSeries(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    void add(MetricDatum datum, long nowSecond) {
        long second = datum.timestamp().getEpochSecond();
        long width = Retention.widthAt(Math.max(0, nowSecond - second), datum.storageResolution());
        if (width == 0) {
            return;
        }
        long start = Math.floorDiv(second, width) * width;
        bucket(start, width).add(datum.unit(), datum.samples());
        lastPutSecond = Math.max(lastPutSecond, nowSecond);
        compact(nowSecond, false);
        while (buckets.size() > maxBuckets) {
            buckets.pollFirstEntry();
        }
    }

    /** When the metric last received data, as the store's clock said then. */
    long lastPutSecond() {
        return lastPutSecond;
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }

    /**
     * The data in [start, end), in periods of {@code periodSeconds} counted from the aligned start; only samples of
     * {@code unit} when one is given. Periods with no data are left out.
     */
    List<Datapoint> datapoints(Instant start, Instant end, int periodSeconds, Optional<String> unit, long nowSecond) {
        compact(nowSecond, true);
        long from = Retention.alignedStart(start.getEpochSecond(), periodSeconds, nowSecond);
        long to = end.getEpochSecond();
        Map<Long, Map<String, Samples>> periods = new TreeMap<>();
        for (Map.Entry<Long, Bucket> entry : buckets.subMap(from, true, to, false).entrySet()) {
            long period = from + Math.floorDiv(entry.getKey() - from, periodSeconds) * periodSeconds;
            Map<String, Samples> units = periods.computeIfAbsent(period, ignored -> new LinkedHashMap<>(2));
            entry.getValue().byUnit.forEach((name, samples) -> {
                if (unit.isEmpty() || unit.get().equals(name)) {
                    units.merge(name, samples, Samples::merge);
                }
            });
        }
        List<Datapoint> datapoints = new ArrayList<>();
        periods.forEach((period, units) -> {
            if (!units.isEmpty()) {
                Samples merged = units.values().stream().reduce(Samples::merge).orElseThrow();
                // Data of several units read together is reported without one, as CloudWatch does.
                String name = units.size() == 1 ? units.keySet().iterator().next() : "None";
                datapoints.add(new Datapoint(Instant.ofEpochSecond(period), merged, name));
            }
        });
        return datapoints;
    }

    private Bucket bucket(long start, long width) {
        Bucket bucket = buckets.get(start);
        if (bucket == null || bucket.width != width) {
            Bucket created = new Bucket(width);
            if (bucket != null) {
                // A finer bucket at the same start (high-resolution data beside standard): keep the coarser one.
                created = bucket.width > width ? bucket : created;
                if (created != bucket) {
                    bucket.byUnit.forEach(created::add);
                }
            }
            buckets.put(start, created);
            bucket = created;
        }
        return bucket;
    }

    /** Rolls aged buckets into coarser ones and drops those past retention; at most once a minute unless forced. */
    private void compact(long nowSecond, boolean force) {
        if (!force && lastCompactedSecond != Long.MIN_VALUE && nowSecond - lastCompactedSecond < COMPACT_EVERY_SECONDS) {
            return;
        }
        lastCompactedSecond = nowSecond;
        Map<Long, Bucket> moved = new HashMap<>();
        var iterator = buckets.entrySet().iterator();
        while (iterator.hasNext()) {
            Map.Entry<Long, Bucket> entry = iterator.next();
            long start = entry.getKey();
            Bucket bucket = entry.getValue();
            long width = Retention.widthAt(Math.max(0, nowSecond - start), bucket.width);
            if (width == bucket.width) {
                // Buckets are ordered by start, so every later one is younger and fine as it is.
                if (nowSecond - start < Retention.HIGH_RESOLUTION.toSeconds()) {
                    break;
                }
                continue;
            }
            iterator.remove();
            if (width != 0) {
                long target = Math.floorDiv(start, width) * width;
                Bucket into = moved.computeIfAbsent(target, ignored -> new Bucket(width));
                bucket.byUnit.forEach(into::add);
            }
        }
        moved.forEach((start, bucket) -> {
            Bucket existing = buckets.get(start);
            if (existing != null && existing.width >= bucket.width) {
                bucket.byUnit.forEach(existing::add);
            } else {
                if (existing != null) {
                    existing.byUnit.forEach(bucket::add);
                }
                buckets.put(start, bucket);
            }
        });
    }
}
