package dev.backlane.core.sli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreTheBucketsMiddlesWhateverTheOrderOfRecordingAndMerging() {
        LatencyHistogram one = new LatencyHistogram();
        LatencyHistogram other = new LatencyHistogram();
        // 1..100 ms, recorded out of order and split over two histograms.
        for (int ms = 100; ms >= 1; ms--) {
            (ms % 2 == 0 ? one : other).record(ms * 1_000_000L);
        }
        one.add(other);
        assertEquals(100, one.count());
        assertEquals(LatencyHistogram.middle(LatencyHistogram.bucket(50_000_000L)), one.percentile(0.5));
        assertEquals(LatencyHistogram.middle(LatencyHistogram.bucket(99_000_000L)), one.percentile(0.99));
        assertEquals(LatencyHistogram.middle(LatencyHistogram.bucket(1_000_000L)), one.percentile(0.0));
        long p50 = one.percentile(0.5);
        assertEquals(50_000_000L, p50, 50_000_000L * 0.045, "within half a bucket");
        // Every bucket from 1 microsecond to the last, then merged twice: the counts add up.
        LatencyHistogram wide = new LatencyHistogram();
        for (long nanos = 1_000; nanos < 200_000_000_000L; nanos = nanos * 21 / 20) {
            wide.record(nanos);
        }
        LatencyHistogram twice = new LatencyHistogram();
        twice.add(wide);
        twice.add(wide);
        assertEquals(2 * wide.count(), twice.count());
        assertEquals(wide.percentile(0.9), twice.percentile(0.9));
        assertEquals(LatencyHistogram.middle(LatencyHistogram.bucket(Long.MAX_VALUE)), twice.percentile(1.0));
        assertEquals(0, new LatencyHistogram().percentile(0.5));
    }
}
