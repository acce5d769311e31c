package dev.backlane.core.sli;

import java.util.Arrays;

/**
 * Latencies counted in log-linear buckets, eight per doubling from 1 microsecond to about 2 minutes, so a percentile
 * is known to within half a bucket (about 4.5%) — HdrHistogram's idea at the precision an SLI needs. Kept sparse (the
 * buckets used and their counts, in bucket order): there is one per minute and per hour per key, and a minute of a
 * key's traffic fills a handful of the 216 buckets, so a dense array would cost 864 bytes where a few dozen do.
 * Not thread-safe: its owner synchronizes.
 */
public final class LatencyHistogram {
    private static final int PER_DOUBLING = 8;
    private static final int DOUBLINGS = 27;
    private static final int BUCKETS = PER_DOUBLING * DOUBLINGS;
    private static final byte[] NO_BUCKETS = new byte[0];
    private static final int[] NO_COUNTS = new int[0];
    private static final double LN_2 = Math.log(2);

    /** The buckets used, ascending, as unsigned bytes (216 fit), and their counts; {@code size} of each are in use. */
    private byte[] buckets = NO_BUCKETS;
    private int[] counts = NO_COUNTS;
    private int size;
    private long total;

    public void record(long nanos) {
        recordBucket(bucket(nanos));
    }

    /** Counts one latency whose {@link #bucket} the caller worked out once for every histogram it goes to. */
    void recordBucket(int bucket) {
        add(bucket, 1);
        total++;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < other.size; i++) {
            add(Byte.toUnsignedInt(other.buckets[i]), other.counts[i]);
        }
        total += other.total;
    }

    private void add(int bucket, int count) {
        int at = find(bucket);
        if (at >= 0) {
            counts[at] += count;
            return;
        }
        at = -at - 1;
        if (size == buckets.length) {
            int grown = Math.min(BUCKETS, Math.max(4, size + size / 2));
            buckets = Arrays.copyOf(buckets, grown);
            counts = Arrays.copyOf(counts, grown);
        }
        System.arraycopy(buckets, at, buckets, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        buckets[at] = (byte) bucket;
        counts[at] = count;
        size++;
    }

    /** Where {@code bucket} is, or {@code -(insertion point) - 1}. */
    private int find(int bucket) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int value = Byte.toUnsignedInt(buckets[mid]);
            if (value < bucket) {
                low = mid + 1;
            } else if (value > bucket) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
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
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(Byte.toUnsignedInt(buckets[i]));
            }
        }
        return middle(Byte.toUnsignedInt(buckets[size - 1]));
    }

    static int bucket(long nanos) {
        double micros = Math.max(1.0, nanos / 1000.0);
        int index = (int) Math.floor(Math.log(micros) / LN_2 * PER_DOUBLING);
        return Math.min(BUCKETS - 1, Math.max(0, index));
    }

    /** The geometric middle of a bucket, in nanoseconds. */
    static long middle(int bucket) {
        return Math.round(Math.pow(2, (bucket + 0.5) / PER_DOUBLING) * 1000.0);
    }
}
