package dev.backlane.core.sli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hours are made from the minutes when a minute closes; what they sum must be what was counted, whatever the order. */
class SliSeriesTest {
    private static final Instant HOUR = Instant.parse("2026-12-07T12:00:00Z");

    private final SliSeries series = new SliSeries();

    private void request(Instant at, int status, long latencyNanos) {
        series.record(at, counters -> counters.request(status, LatencyHistogram.bucket(latencyNanos), 10));
    }

    @Test
    void theOpenMinuteCountsInItsHourBeforeAndAfterItCloses() {
        request(HOUR.plusSeconds(10), 200, 1_000_000);
        request(HOUR.plusSeconds(70), 503, 2_000_000);
        Instant now = HOUR.plusSeconds(80);
        SliCounters open = series.sumByHours(Duration.ofHours(1), now);
        assertEquals(2, open.requests(), "the closed minute and the open one");
        assertEquals(Map.of(200, 1L, 503, 1L), open.statuses());
        assertEquals(2, open.latencies().count());
        assertEquals(20, open.bytes());

        request(HOUR.plusSeconds(130), 200, 1_000_000);
        SliCounters closed = series.sumByHours(Duration.ofHours(1), now.plusSeconds(60));
        assertEquals(3, closed.requests(), "each minute counted once in the hour");
        assertEquals(3, closed.latencies().count());
        assertEquals(LatencyHistogram.middle(LatencyHistogram.bucket(2_000_000)), closed.latencies().percentile(1.0));
        assertEquals(3, series.sum(Duration.ofMinutes(5), now.plusSeconds(60)).requests(), "the minutes as they were");
    }

    @Test
    void aLateFactForAClosedMinuteCountsOnceInMinutesAndHours() {
        request(HOUR.plusSeconds(10), 200, 1_000_000);
        request(HOUR.plusSeconds(130), 200, 1_000_000);
        // Published after the third minute began, for the first.
        request(HOUR.plusSeconds(20), 429, 1_000_000);
        Instant now = HOUR.plusSeconds(140);
        assertEquals(3, series.sumByHours(Duration.ofHours(1), now).requests());
        assertEquals(1L, series.sumByHours(Duration.ofHours(1), now).statuses().get(429));
        assertEquals(3, series.sum(Duration.ofMinutes(5), now).requests());
    }

    @Test
    void hoursFromMinutesOfEarlierHoursAndAnOpenMinuteOutsideTheWindow() {
        request(HOUR.minusSeconds(30), 200, 1_000_000);
        request(HOUR.plusSeconds(30), 200, 1_000_000);
        request(HOUR.plusSeconds(3_630), 200, 1_000_000);
        Instant now = HOUR.plusSeconds(3_640);
        assertEquals(1, series.sumByHours(Duration.ofHours(1), now).requests(), "the current hour: only the open minute");
        assertEquals(2, series.sumByHours(Duration.ofHours(2), now).requests(), "this hour and the one before");
        assertEquals(3, series.sumByHours(Duration.ofHours(3), now).requests());
        assertEquals(2, series.sumByHours(Duration.ofHours(2), HOUR.plusSeconds(40)).requests(), "an open minute after now is not counted");
    }

    @Test
    void aFactSixHoursLateInTheOpenMinutesSlotKeepsTheOpenMinuteInItsHour() {
        Instant open = HOUR.plus(Duration.ofHours(6));
        request(open.plusSeconds(5), 200, 1_000_000);
        request(open.plusSeconds(6), 200, 1_000_000);
        // The same slot of the minute ring, six hours before: it takes the slot, the open minute's counts stay in its hour.
        request(HOUR.plusSeconds(5), 500, 1_000_000);
        request(open.plusSeconds(7), 200, 1_000_000);
        assertEquals(3, series.sumByHours(Duration.ofMinutes(30), open.plusSeconds(10)).requests());
        assertEquals(1, series.sumByHours(Duration.ofHours(7), open.plusSeconds(10)).serverErrors());
    }

    @Test
    void threadsCountingTheSameMinuteInTheirStripesAreReadAsOneWhileAndAfterIt() throws Exception {
        int perThread = 20_000;
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    request(HOUR.plusSeconds(10 + i % 40), 200, 1_000_000);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        request(HOUR.plusSeconds(5), 500, 1_000_000);
        Instant now = HOUR.plusSeconds(59);
        assertEquals(3 * perThread + 1, series.sum(Duration.ofMinutes(5), now).requests(), "every thread's open minute");
        assertEquals(3 * perThread + 1, series.sumByHours(Duration.ofHours(1), now).requests());
        assertEquals(HOUR.plusSeconds(5), series.firstSeen());
        // This thread moves on: its stripe's minute goes to the rings, the other threads' stay in their stripes.
        request(HOUR.plusSeconds(3_605), 200, 1_000_000);
        Instant later = HOUR.plusSeconds(3_610);
        assertEquals(1, series.sum(Duration.ofMinutes(1), later).requests());
        assertEquals(3 * perThread + 2, series.sum(Duration.ofHours(2), later).requests());
        assertEquals(3 * perThread + 1, series.sumByHours(Duration.ofHours(2), HOUR.plusSeconds(3_599)).requests());
        assertEquals(3 * perThread + 2, series.sumByHours(Duration.ofHours(2), later).requests());
        assertEquals(1, series.sum(Duration.ofHours(2), later).serverErrors());
        assertEquals(HOUR.plusSeconds(3_605).toEpochMilli(), series.lastSeenMillis());
    }
}
