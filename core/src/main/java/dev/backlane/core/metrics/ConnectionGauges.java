package dev.backlane.core.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many connections are open per key (an endpoint's side, a NAT gateway), and since when that count holds, kept to
 * give each one-minute window of a key its {@link Window}: connection-seconds (for the time-weighted average) and the
 * fewest and most open — the statistic set of AWS's active-connection metrics. Time comes from the caller. Not
 * thread-safe.
 */
public final class ConnectionGauges<K> {
    private final Map<K, Gauge> gauges = new HashMap<>();

    private static final class Gauge {
        long open;
        double since;
    }

    /** One key's open connections over one window. */
    public static final class Window {
        private double connectionSeconds;
        private long minimum = Long.MAX_VALUE;
        private long maximum;

        private void see(long open) {
            minimum = Math.min(minimum, open);
            maximum = Math.max(maximum, open);
        }

        /** A connection that was open {@code seconds} of the window, beside those counted, with {@code alsoOpen} others at once. */
        public void addConnection(double seconds, long alsoOpen) {
            connectionSeconds += seconds;
            maximum = Math.max(maximum, alsoOpen + 1);
        }

        /** The statistic set over a window of {@code seconds}: sample count 1, the average as the sum, the fewest and most. */
        public Samples statistics(double seconds) {
            long fewest = minimum == Long.MAX_VALUE ? 0 : minimum;
            return Samples.ofStatistics(1, connectionSeconds / Math.max(1, seconds), fewest, Math.max(fewest, maximum));
        }
    }

    /** How many of the key's connections are open now. */
    public long open(K key) {
        Gauge gauge = gauges.get(key);
        return gauge == null ? 0 : gauge.open;
    }

    /** Notes the key's open count now among the window's fewest and most. */
    public void touch(K key, Window window) {
        window.see(open(key));
    }

    /** The key's open count changes by {@code delta} at {@code at}, in the window that starts at {@code windowStart}. */
    public void change(K key, Window window, long windowStart, Instant at, int delta) {
        Gauge gauge = gauges.computeIfAbsent(key, ignored -> new Gauge());
        double second = at.getEpochSecond() + at.getNano() / 1e9;
        if (gauge.open > 0) {
            window.connectionSeconds += gauge.open * Math.max(0, second - Math.max(gauge.since, windowStart));
        }
        window.see(gauge.open);
        gauge.open = Math.max(0, gauge.open + delta);
        gauge.since = Math.max(second, windowStart);
        window.see(gauge.open);
    }

    /** Keys with connections open now: active in a window even without an event in it. */
    public List<K> openKeys() {
        return gauges.entrySet().stream().filter(entry -> entry.getValue().open > 0).map(Map.Entry::getKey).toList();
    }

    /** Counts the key's connections still open up to {@code end} in the window that starts at {@code windowStart}. */
    public void carry(K key, Window window, long windowStart, double end) {
        Gauge gauge = gauges.get(key);
        if (gauge != null && gauge.open > 0) {
            window.connectionSeconds += gauge.open * Math.max(0, end - Math.max(gauge.since, windowStart));
            window.see(gauge.open);
            gauge.since = end;
        }
    }

    public boolean isEmpty() {
        return gauges.isEmpty();
    }

    /** Forgets keys with nothing open. */
    public void forgetClosed() {
        gauges.values().removeIf(gauge -> gauge.open <= 0);
    }
}
