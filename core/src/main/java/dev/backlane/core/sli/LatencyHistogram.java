package dev.backlane.core.sli;

/**
 * Latencies counted in log-linear buckets, eight per doubling from 1 microsecond to about 2 minutes, so a percentile
 * is known to within half a bucket (about 4.5%) in a fixed 1 KB — HdrHistogram's idea at the precision an SLI needs,
 * small enough for one per minute per key. Not thread-safe: its owner synchronizes.
 */
public final class LatencyHistogram {
    private static final int PER_DOUBLING = 8;
    private static final int DOUBLINGS = 27;
    private static final int BUCKETS = PER_DOUBLING * DOUBLINGS;

    private final int[] counts = new int[BUCKETS];
    private long total;

    public void record(long nanos) {
        counts[bucket(nanos)]++;
        total++;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    /** The latency in nanoseconds below which {@code quantile} (0..1) of the recorded ones fall; 0 when empty. */
    public long percentile(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(BUCKETS - 1);
    }

    static int bucket(long nanos) {
        double micros = Math.max(1.0, nanos / 1000.0);
        int index = (int) Math.floor(Math.log(micros) / Math.log(2) * PER_DOUBLING);
        return Math.min(BUCKETS - 1, Math.max(0, index));
    }

    /** The geometric middle of a bucket, in nanoseconds. */
    static long middle(int bucket) {
        return Math.round(Math.pow(2, (bucket + 0.5) / PER_DOUBLING) * 1000.0);
    }
}
