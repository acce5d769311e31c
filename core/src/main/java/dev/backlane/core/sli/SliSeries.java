package dev.backlane.core.sli;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One key's counts over time: per minute for the last six hours and per hour for the last 31 days, each a ring whose
 * slots are allocated only when something happens in them, so a quiet key costs two arrays of references. A window of
 * up to six hours is summed from minutes, a longer one from hours.
 */
public final class SliSeries {
    private static final int MINUTES = 6 * 60;
    private static final int HOURS = 31 * 24;
    static final Duration FINE = Duration.ofMinutes(MINUTES);

    private final SliCounters[] minutes = new SliCounters[MINUTES];
    private final long[] minuteOf = new long[MINUTES];
    private final SliCounters[] hours = new SliCounters[HOURS];
    private final long[] hourOf = new long[HOURS];

    /** Counts what happened at {@code at} into its minute and its hour. */
    public synchronized void record(Instant at, Consumer<SliCounters> update) {
        long minute = Math.floorDiv(at.getEpochSecond(), 60L);
        long hour = Math.floorDiv(minute, 60L);
        update.accept(slot(minutes, minuteOf, minute));
        update.accept(slot(hours, hourOf, hour));
    }

    private static SliCounters slot(SliCounters[] ring, long[] of, long index) {
        int slot = (int) Math.floorMod(index, (long) ring.length);
        if (ring[slot] == null || of[slot] != index) {
            ring[slot] = new SliCounters();
            of[slot] = index;
        }
        return ring[slot];
    }

    /** The sum over {@code [now - window, now]}, by whole minutes (or hours for windows over six hours). */
    public SliCounters sum(Duration window, Instant now) {
        return sum(window, now, window.compareTo(FINE) <= 0);
    }

    /**
     * The sum over {@code [now - window, now]} by whole hours, however short the window: a trend's hourly points reach
     * back 31 days, where minutes are kept for six hours only.
     */
    public SliCounters sumByHours(Duration window, Instant now) {
        return sum(window, now, false);
    }

    private synchronized SliCounters sum(Duration window, Instant now, boolean fine) {
        SliCounters total = new SliCounters();
        long unit = fine ? 60L : 3600L;
        long last = Math.floorDiv(now.getEpochSecond(), unit);
        long first = Math.floorDiv(now.minus(window).getEpochSecond(), unit) + 1;
        SliCounters[] ring = fine ? minutes : hours;
        long[] of = fine ? minuteOf : hourOf;
        for (long index = Math.max(first, last - ring.length + 1); index <= last; index++) {
            int slot = (int) Math.floorMod(index, (long) ring.length);
            if (ring[slot] != null && of[slot] == index) {
                total.add(ring[slot]);
            }
        }
        return total;
    }
}
