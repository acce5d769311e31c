package dev.backlane.core.alert;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliCounters;
import dev.backlane.core.sli.SliKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SLI counts of each key over each window at one evaluation, each summed once however many rules read it: the
 * rules share seven windows, and a sum over six hours of minutes adds 360 latency histograms.
 */
public final class WindowCounts {
    private final SliBook book;
    private final Instant now;
    private final Map<SliKey, Map<Duration, Optional<SliCounters>>> sums = new HashMap<>();

    public WindowCounts(SliBook book, Instant now) {
        this.book = book;
        this.now = now;
    }

    public Instant now() {
        return now;
    }

    /** The counts of {@code key} over {@code [now - window, now]}; empty when the key has none at all. */
    public Optional<SliCounters> over(SliKey key, Duration window) {
        return sums.computeIfAbsent(key, ignored -> new HashMap<>()).computeIfAbsent(window, length -> book.counters(key, length, now));
    }

    /** Whether {@code key} has been counted for at least {@code history}: a baseline needs that much behind it. */
    public boolean seenFor(SliKey key, Duration history) {
        return book.firstSeen(key).map(first -> !first.isAfter(now.minus(history))).orElse(false);
    }
}
