package dev.backlane.core.metrics;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values a metric received in one time bucket, as CloudWatch keeps them: sample count, sum, minimum
 * and maximum, and — while the values were given one by one ({@code Value}, {@code Values}/{@code Counts})
 * and are few enough — their distribution, from which percentiles are computed. A statistic set
 * ({@code StatisticValues}) carries no distribution, so a bucket with one has no percentiles, as on AWS.
 * Immutable.
 */
public final class Samples {
    /** The most distinct values a bucket keeps for percentiles; beyond, its percentiles are unavailable. */
    public static final int MAX_DISTINCT_VALUES = 2_000;

    private final double sampleCount;
    private final double sum;
    private final double minimum;
    private final double maximum;
    // Value -> how many times it was seen; null when percentiles cannot be computed.
    private final NavigableMap<Double, Double> distribution;

    private Samples(double sampleCount, double sum, double minimum, double maximum, NavigableMap<Double, Double> distribution) {
        this.sampleCount = sampleCount;
        this.sum = sum;
        this.minimum = minimum;
        this.maximum = maximum;
        this.distribution = distribution;
    }

    /** One value seen {@code count} times. */
    public static Samples of(double value, double count) {
        NavigableMap<Double, Double> distribution = new TreeMap<>();
        distribution.put(value, count);
        return new Samples(count, value * count, value, value, distribution);
    }

    /**
     * Values each seen so many times (value -> count), as one bucket: with their distribution while there are at most
     * {@link #MAX_DISTINCT_VALUES} of them, else as a statistic set.
     */
    public static Samples ofCounts(Map<Double, Double> counts) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("counts is empty");
        }
        NavigableMap<Double, Double> distribution = new TreeMap<>(counts);
        double sampleCount = 0;
        double sum = 0;
        for (Map.Entry<Double, Double> entry : distribution.entrySet()) {
            sampleCount += entry.getValue();
            sum += entry.getKey() * entry.getValue();
        }
        return new Samples(sampleCount, sum, distribution.firstKey(), distribution.lastKey(),
                distribution.size() > MAX_DISTINCT_VALUES ? null : distribution);
    }

    /** A statistic set: no distribution. */
    public static Samples ofStatistics(double sampleCount, double sum, double minimum, double maximum) {
        return new Samples(sampleCount, sum, minimum, maximum, null);
    }

    public Samples merge(Samples other) {
        NavigableMap<Double, Double> merged = null;
        if (distribution != null && other.distribution != null) {
            NavigableMap<Double, Double> both = new TreeMap<>(distribution);
            other.distribution.forEach((value, count) -> both.merge(value, count, Double::sum));
            merged = both.size() > MAX_DISTINCT_VALUES ? null : both;
        }
        return new Samples(sampleCount + other.sampleCount, sum + other.sum, Math.min(minimum, other.minimum), Math.max(maximum, other.maximum),
                merged);
    }

    public double sampleCount() {
        return sampleCount;
    }

    public double sum() {
        return sum;
    }

    public double minimum() {
        return minimum;
    }

    public double maximum() {
        return maximum;
    }

    /** The statistic's value; empty for a percentile of samples whose distribution is unknown. */
    public Optional<Double> value(Statistic statistic) {
        return switch (statistic.kind()) {
            case SAMPLE_COUNT -> Optional.of(sampleCount);
            case SUM -> Optional.of(sum);
            case AVERAGE -> Optional.of(sampleCount == 0 ? 0 : sum / sampleCount);
            case MINIMUM -> Optional.of(minimum);
            case MAXIMUM -> Optional.of(maximum);
            case PERCENTILE -> percentile(statistic.percentile());
        };
    }

    /** The nearest-rank percentile: the smallest value at or below which {@code p} percent of the samples lie. */
    private Optional<Double> percentile(double p) {
        if (distribution == null || distribution.isEmpty()) {
            return Optional.empty();
        }
        double total = distribution.values().stream().mapToDouble(Double::doubleValue).sum();
        double rank = Math.max(Math.ceil(p / 100.0 * total), 1);
        double seen = 0;
        for (Map.Entry<Double, Double> entry : distribution.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.of(distribution.lastKey());
    }
}
