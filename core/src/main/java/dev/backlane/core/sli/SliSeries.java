package dev.backlane.core.sli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 *
 * <p>The data plane's event loops report the same keys at once (every call counts for {@link SliKey#ALL}), so each thread
 * counts its latest minute in a stripe of its own (one of {@link #STRIPES}, under the stripe's lock, which no other loop
 * takes), and the stripe's counts go to the rings when that thread moves on to a later minute. A reader adds the stripes'
 * minutes to what the rings hold, so it sees every fact counted before it began, as without stripes.
 */
public final class SliSeries {
    private static final int MINUTES = 6 * 60;
    private static final int HOURS = 31 * 24;
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** Stripes per series: a power of two; the threads reporting facts take them in turn, so two event loops get two. */
    static final int STRIPES = 4;
    private static final AtomicInteger NEXT_STRIPE = new AtomicInteger();
    private static final ThreadLocal<Integer> STRIPE = ThreadLocal.withInitial(() -> NEXT_STRIPE.getAndIncrement() & (STRIPES - 1));

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
    /** The latest late fact counted (the stripes keep the rest), read without the lock by {@link SliBook}. */
    private volatile long lastSeenMillis = Long.MIN_VALUE;
    /** Each made by the first thread counting into it (so in that thread's memory), then kept; its fields under its own lock. */
    private final AtomicReferenceArray<Stripe> stripes = new AtomicReferenceArray<>(STRIPES);

    /** One thread's (or a few threads') counts of the latest minute it reported, not yet in the rings. */
    private static final class Stripe {
        private long minute = Long.MIN_VALUE;
        private SliCounters counters;
        private Instant firstSeen;
        private long lastSeenMillis = Long.MIN_VALUE;

        void count(Instant at, long millis, Consumer<SliCounters> update) {
            update.accept(counters);
            if (millis > lastSeenMillis) {
                lastSeenMillis = millis;
            }
            if (firstSeen == null || at.isBefore(firstSeen)) {
                firstSeen = at;
            }
        }
    }

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

    /** The stripe of the calling thread, for {@link #record(Instant, int, Consumer)}: a caller recording many series looks it up once. */
    public static int stripeOfThisThread() {
        return STRIPE.get();
    }

    /** Counts what happened at {@code at} into its minute (and its hour, once the minute closes). */
    public void record(Instant at, Consumer<SliCounters> update) {
        record(at, stripeOfThisThread(), update);
    }

    /** The same, counted in stripe {@code stripe}: the calling thread's, from {@link #stripeOfThisThread()}. */
    public void record(Instant at, int stripe, Consumer<SliCounters> update) {
        long millis = at.toEpochMilli();
        long minute = Math.floorDiv(millis, fineMillis);
        Stripe mine = stripes.get(stripe);
        if (mine != null) {
            synchronized (mine) {
                if (mine.minute == minute) {
                    mine.count(at, millis, update);
                    return;
                }
            }
        }
        recordInNewMinute(at, millis, minute, stripe, update);
    }

    /** A fact of another minute than the stripe's: a later one closes the stripe's minute into the rings, an earlier one goes to them. */
    private synchronized void recordInNewMinute(Instant at, long millis, long minute, int stripe, Consumer<SliCounters> update) {
        Stripe mine = stripes.get(stripe);
        if (mine == null) {
            mine = new Stripe();
            stripes.set(stripe, mine);
        }
        synchronized (mine) {
            if (minute == mine.minute) {
                mine.count(at, millis, update);
            } else if (minute > mine.minute) {
                if (mine.counters != null) {
                    SliCounters closed = mine.counters;
                    recordInRings(mine.minute, mine.minute * fineMillis, counters -> counters.add(closed));
                }
                mine.minute = minute;
                mine.counters = new SliCounters();
                mine.count(at, millis, update);
            } else {
                recordInRings(minute, millis, update);
                if (firstSeen == null || at.isBefore(firstSeen)) {
                    firstSeen = at;
                }
                if (millis > lastSeenMillis) {
                    lastSeenMillis = millis;
                }
            }
        }
    }

    /** Counts into the minute ring (and the hour ring when the minute is no longer the open one); under this series' lock. */
    private void recordInRings(long minute, long millis, Consumer<SliCounters> update) {
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

    /** The latest time counted, for {@link SliBook} to choose which key to evict. */
    long lastSeenMillis() {
        long last = lastSeenMillis;
        for (int i = 0; i < STRIPES; i++) {
            Stripe stripe = stripes.get(i);
            if (stripe != null) {
                synchronized (stripe) {
                    last = Math.max(last, stripe.lastSeenMillis);
                }
            }
        }
        return last;
    }

    /** When the first thing counted here happened: how much history a baseline has. */
    public synchronized Instant firstSeen() {
        Instant first = firstSeen;
        for (int i = 0; i < STRIPES; i++) {
            Stripe stripe = stripes.get(i);
            if (stripe != null) {
                synchronized (stripe) {
                    if (stripe.firstSeen != null && (first == null || stripe.firstSeen.isBefore(first))) {
                        first = stripe.firstSeen;
                    }
                }
            }
        }
        return first;
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
        long from = Math.max(first, last - ring.length + 1);
        if (!fine && open != null && openHour >= from && openHour <= last) {
            total.add(open);
        }
        for (int i = 0; i < STRIPES; i++) {
            Stripe stripe = stripes.get(i);
            if (stripe != null) {
                synchronized (stripe) {
                    long index = fine ? stripe.minute : Math.floorDiv(stripe.minute, 60);
                    if (stripe.counters != null && index >= from && index <= last) {
                        total.add(stripe.counters);
                    }
                }
            }
        }
        return total;
    }
}
