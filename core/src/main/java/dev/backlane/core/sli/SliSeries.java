package dev.backlane.core.sli;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One key's counts over time: per minute for the last six hours and per hour for the last 31 days, each a ring whose
 * slots are allocated only when something happens in them, so a quiet key costs two arrays of references. A window of
 * up to six hours is summed from minutes, a longer one from hours. Tests that run the alerting windows on a short clock
 * give a shorter "minute" ({@code slot}); an "hour" is always sixty of them.
 *
 * <p>A fact is counted into its minute only; the latest minute is added to its hour when a later minute begins (and
 * counted with the hours when they are read before that), so the data plane's threads update one slot a fact, not two.
 * A fact for a minute already added to its hour (one that arrived late) goes to both.
 */
public final class SliSeries {
    private static final int MINUTES = 6 * 60;
    private static final int HOURS = 31 * 24;
    static final Duration MINUTE = Duration.ofMinutes(1);

    private final long fineMillis;
    private final long coarseMillis;
    private final Duration fineSpan;
    private final SliCounters[] minutes = new SliCounters[MINUTES];
    private final long[] minuteOf = new long[MINUTES];
    private final SliCounters[] hours = new SliCounters[HOURS];
    private final long[] hourOf = new long[HOURS];
    /** The latest minute counted, not yet added to its hour; {@link Long#MIN_VALUE} before the first fact. */
    private long openMinute = Long.MIN_VALUE;
    private Instant firstSeen;
    /** The latest time counted, read without the lock by {@link SliBook} to choose which key to evict. */
    private volatile long lastSeenMillis = Long.MIN_VALUE;

    public SliSeries() {
        this(MINUTE);
    }

    /** A series whose finest slot is {@code slot} long (a minute, unless the clock is scaled) and whose coarse slots are sixty of those. */
    public SliSeries(Duration slot) {
        this.fineMillis = slot.toMillis();
        if (fineMillis < 1 || MINUTE.toMillis() % fineMillis != 0) {
            throw new IllegalArgumentException("an SLI slot must divide a minute into whole milliseconds, not " + slot);
        }
        this.coarseMillis = fineMillis * 60;
        this.fineSpan = slot.multipliedBy(MINUTES);
    }

    /** Counts what happened at {@code at} into its minute and its hour. */
    public synchronized void record(Instant at, Consumer<SliCounters> update) {
        if (firstSeen == null || at.isBefore(firstSeen)) {
            firstSeen = at;
        }
        long millis = at.toEpochMilli();
        if (millis > lastSeenMillis) {
            lastSeenMillis = millis;
        }
        long minute = Math.floorDiv(millis, fineMillis);
        if (minute > openMinute) {
            closeOpenMinute();
            openMinute = minute;
        } else if (minute < openMinute && Math.floorMod(minute, (long) MINUTES) == Math.floorMod(openMinute, (long) MINUTES)) {
            // A fact six hours late takes the open minute's slot: that minute's counts go to their hour first.
            closeOpenMinute();
            openMinute = Long.MIN_VALUE;
        }
        update.accept(slot(minutes, minuteOf, minute));
        if (minute != openMinute) {
            update.accept(slot(hours, hourOf, Math.floorDiv(millis, coarseMillis)));
        }
    }

    /** Adds the open minute's counts to its hour. */
    private void closeOpenMinute() {
        SliCounters open = openMinuteCounters();
        if (open != null) {
            slot(hours, hourOf, Math.floorDiv(openMinute, 60)).add(open);
        }
    }

    private SliCounters openMinuteCounters() {
        if (openMinute == Long.MIN_VALUE) {
            return null;
        }
        int slot = (int) Math.floorMod(openMinute, (long) MINUTES);
        return minuteOf[slot] == openMinute ? minutes[slot] : null;
    }

    private static SliCounters slot(SliCounters[] ring, long[] of, long index) {
        int slot = (int) Math.floorMod(index, (long) ring.length);
        if (ring[slot] == null || of[slot] != index) {
            ring[slot] = new SliCounters();
            of[slot] = index;
        }
        return ring[slot];
    }

    long lastSeenMillis() {
        return lastSeenMillis;
    }

    /** When the first thing counted here happened: how much history a baseline has. */
    public synchronized Instant firstSeen() {
        return firstSeen;
    }

    /** The sum over {@code [now - window, now]}, by whole minutes (or hours for windows over six hours). */
    public SliCounters sum(Duration window, Instant now) {
        return sum(window, now, window.compareTo(fineSpan) <= 0);
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
        long unit = fine ? fineMillis : coarseMillis;
        long last = Math.floorDiv(now.toEpochMilli(), unit);
        long first = Math.floorDiv(now.minus(window).toEpochMilli(), unit) + 1;
        SliCounters[] ring = fine ? minutes : hours;
        long[] of = fine ? minuteOf : hourOf;
        for (long index = Math.max(first, last - ring.length + 1); index <= last; index++) {
            int slot = (int) Math.floorMod(index, (long) ring.length);
            if (ring[slot] != null && of[slot] == index) {
                total.add(ring[slot]);
            }
        }
        SliCounters open = openMinuteCounters();
        long openHour = Math.floorDiv(openMinute, 60);
        if (!fine && open != null && openHour >= Math.max(first, last - ring.length + 1) && openHour <= last) {
            total.add(open);
        }
        return total;
    }
}
