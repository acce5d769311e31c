package dev.backlane.core.sli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The counts behind the SLIs M1-M10, per key, kept over time ({@link SliSeries}): what the data plane reports goes to
 * every key it concerns (the call as a whole, its endpoint, service, zone, workload...). At most {@code maxKeys} keys
 * are kept, {@link SliKey#ALL} among them, because each costs memory once its rings fill (see {@link SliSeries}): a new
 * key past that evicts the key whose last fact is the oldest (its history is lost; {@link #evicted} counts them), so
 * the keys kept are the ones active lately. Thread-safe; pure (the caller gives the time).
 */
public final class SliBook {
    private static final Duration BASELINE = Duration.ofDays(1);

    private final int maxKeys;
    private final Duration slot;
    private final Map<SliKey, SliSeries> series = new ConcurrentHashMap<>();
    private final AtomicLong evicted = new AtomicLong();

    public SliBook(int maxKeys) {
        this(maxKeys, SliSeries.MINUTE);
    }

    /** A book whose finest slot is {@code slot}: a minute, or a minute divided by the alerts' time scale in tests. */
    public SliBook(int maxKeys, Duration slot) {
        this.maxKeys = maxKeys;
        this.slot = slot;
        series.put(SliKey.ALL, new SliSeries(slot));
    }

    /**
     * Keys resolved to their series once, for a caller reporting many facts for the same keys (a workload's calls through
     * an endpoint for a service): a fact then costs no lookup. Still right after an eviction: the series are looked up
     * again when the book has evicted a key since.
     */
    public static final class Keys {
        private final List<SliKey> keys;
        private volatile Resolution resolution;

        private Keys(List<SliKey> keys, Resolution resolution) {
            this.keys = keys;
            this.resolution = resolution;
        }
    }

    private record Resolution(SliSeries[] series, long evictions) {
    }

    /** {@code keys} (and {@link SliKey#ALL}) resolved to their series, made now if new. */
    public Keys resolve(Collection<SliKey> keys) {
        List<SliKey> fixed = List.copyOf(keys);
        return new Keys(fixed, resolution(fixed));
    }

    private Resolution resolution(List<SliKey> keys) {
        long evictions = evicted.get();
        List<SliSeries> found = new ArrayList<>(keys.size() + 1);
        found.add(series.get(SliKey.ALL));
        for (SliKey key : keys) {
            if (!key.equals(SliKey.ALL)) {
                SliSeries one = series.get(key);
                found.add(one == null ? add(key) : one);
            }
        }
        return new Resolution(found.toArray(SliSeries[]::new), evictions);
    }

    /** An AWS call through a workload's gateway: its status (0: none), latency and bytes. */
    public void request(Instant at, Collection<SliKey> keys, int status, long latencyNanos, long bytes) {
        request(at, keys, status, latencyNanos, bytes, false);
    }

    /** The same, {@code filtered} when a security group or network ACL dropped it (M8). */
    public void request(Instant at, Collection<SliKey> keys, int status, long latencyNanos, long bytes, boolean filtered) {
        request(at, resolve(keys), status, latencyNanos, bytes, filtered);
    }

    /** The same for keys resolved before. */
    public void request(Instant at, Keys keys, int status, long latencyNanos, long bytes, boolean filtered) {
        // The bucket once, not once for each key's minute: a logarithm per histogram cost the data plane's threads.
        int latencyBucket = LatencyHistogram.bucket(latencyNanos);
        record(at, keys, counters -> {
            counters.request(status, latencyBucket, bytes);
            if (filtered) {
                counters.rejects++;
            }
        });
    }

    /** A TCP connection through an endpoint: accepted by a target, or refused ({@code filtered}: by a security group or ACL). */
    public void connection(Instant at, Collection<SliKey> keys, boolean accepted, boolean filtered) {
        record(at, keys, counters -> {
            counters.requests++;
            counters.flows++;
            if (accepted) {
                counters.successes++;
            } else {
                counters.unanswered++;
            }
            if (filtered) {
                counters.rejects++;
            }
        });
    }

    /** Bytes a connection carried, both ways, counted when it ends (M5). */
    public void bytes(Instant at, Collection<SliKey> keys, long bytes) {
        record(at, keys, counters -> counters.bytes += bytes);
    }

    /** A DNS answer for an AWS name, private (an endpoint's address) or not. */
    public void dns(Instant at, Collection<SliKey> keys, boolean privateAnswer) {
        record(at, keys, counters -> {
            counters.dnsAnswers++;
            if (privateAnswer) {
                counters.dnsPrivate++;
            }
        });
    }

    /** A synthetic probe through an endpoint, and whether it got through. */
    public void probe(Instant at, Collection<SliKey> keys, boolean ok) {
        record(at, keys, counters -> {
            counters.probes++;
            if (!ok) {
                counters.probeFailures++;
            }
        });
    }

    /** Telemetry records a sink (flow logs, query logs, metrics) was offered and delivered. */
    public void telemetry(Instant at, String sink, long offered, long delivered) {
        record(at, List.of(new SliKey(SliKey.Kind.SINK, sink)), counters -> {
            counters.telemetryOffered += offered;
            counters.telemetryDelivered += delivered;
        });
    }

    private void record(Instant at, Collection<SliKey> keys, Consumer<SliCounters> update) {
        record(at, resolve(keys), update);
    }

    private void record(Instant at, Keys keys, Consumer<SliCounters> update) {
        Resolution resolved = keys.resolution;
        if (resolved.evictions() != evicted.get()) {
            resolved = resolution(keys.keys);
            keys.resolution = resolved;
        }
        int stripe = SliSeries.stripeOfThisThread();
        for (SliSeries one : resolved.series()) {
            one.record(at, stripe, update);
        }
    }

    /** A new key's series, evicting the least recently active key when the book is full; rare, so under the book's lock. */
    private synchronized SliSeries add(SliKey key) {
        SliSeries one = series.get(key);
        if (one != null) {
            return one;
        }
        if (series.size() >= maxKeys) {
            SliKey oldest = null;
            long oldestMillis = Long.MAX_VALUE;
            for (Map.Entry<SliKey, SliSeries> entry : series.entrySet()) {
                long last = entry.getValue().lastSeenMillis();
                if (!entry.getKey().equals(SliKey.ALL) && last < oldestMillis) {
                    oldest = entry.getKey();
                    oldestMillis = last;
                }
            }
            if (oldest != null) {
                series.remove(oldest);
                evicted.incrementAndGet();
            }
        }
        one = new SliSeries(slot);
        series.put(key, one);
        return one;
    }

    /** The keys with counts, in order. */
    public List<SliKey> keys() {
        List<SliKey> keys = new ArrayList<>(series.keySet());
        keys.sort(null);
        return keys;
    }

    /** The raw counts of a key over {@code [now - window, now]}; empty when the key has no counts. */
    public Optional<SliCounters> counters(SliKey key, Duration window, Instant now) {
        SliSeries one = series.get(key);
        return one == null ? Optional.empty() : Optional.of(one.sum(window, now));
    }

    /**
     * The same by whole hours however short the window: a trend's hourly points reach back 31 days, where minutes are
     * kept for six hours only.
     */
    public Optional<SliCounters> countersByHours(SliKey key, Duration window, Instant now) {
        SliSeries one = series.get(key);
        return one == null ? Optional.empty() : Optional.of(one.sumByHours(window, now));
    }

    /** When the first fact of a key was counted; empty when it has none. */
    public Optional<Instant> firstSeen(SliKey key) {
        SliSeries one = series.get(key);
        return one == null ? Optional.empty() : Optional.ofNullable(one.firstSeen());
    }

    /** The SLIs of a key over the window ending {@code now}; empty when the key has no counts. */
    public Optional<SliReport> report(SliKey key, SliWindow window, Instant now, SloTargets slo, Function<SliKey, SliReport.EndpointFacts> facts) {
        SliSeries one = series.get(key);
        if (one == null) {
            return Optional.empty();
        }
        return Optional.of(SliReport.of(key, window, one.sum(window.length(), now), one.sum(BASELINE, now), slo, facts.apply(key)));
    }

    /** The same, and for a key without counts the SLIs of nothing (its facts still show). */
    public SliReport reportOrEmpty(SliKey key, SliWindow window, Instant now, SloTargets slo, Function<SliKey, SliReport.EndpointFacts> facts) {
        return report(key, window, now, slo, facts).orElseGet(() -> SliReport.of(key, window, new SliCounters(), new SliCounters(), slo,
                facts.apply(key)));
    }

    /** How many keys were dropped, the least recently active first, to make room for new ones. */
    public long evicted() {
        return evicted.get();
    }
}
