package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistic CloudWatch computes over a period: the five standard ones, or a percentile {@code p0}–{@code p100}
 * with up to two decimals ({@code p99}, {@code p99.9}). The other extended statistics AWS offers (trimmed mean
 * {@code tm}, winsorized mean {@code wm}, {@code tc}, {@code ts}, {@code PR}, {@code IQM}) are not computed.
 */
public record Statistic(Kind kind, double percentile, String name) {
    private static final Pattern PERCENTILE = Pattern.compile("[pP](\\d{1,3}(?:\\.\\d{1,2})?)");

    public enum Kind { SAMPLE_COUNT, AVERAGE, SUM, MINIMUM, MAXIMUM, PERCENTILE }

    public Statistic {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
    }

    /** A standard statistic by AWS's name ({@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum}, {@code Maximum}). */
    public static Optional<Statistic> standard(String name) {
        return switch (name) {
            case "SampleCount" -> Optional.of(new Statistic(Kind.SAMPLE_COUNT, 0, name));
            case "Average" -> Optional.of(new Statistic(Kind.AVERAGE, 0, name));
            case "Sum" -> Optional.of(new Statistic(Kind.SUM, 0, name));
            case "Minimum" -> Optional.of(new Statistic(Kind.MINIMUM, 0, name));
            case "Maximum" -> Optional.of(new Statistic(Kind.MAXIMUM, 0, name));
            default -> Optional.empty();
        };
    }

    /** A percentile as {@code ExtendedStatistics} names it: {@code p0.0} to {@code p100}. */
    public static Optional<Statistic> percentile(String name) {
        Matcher matcher = PERCENTILE.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(matcher.group(1));
        return value > 100 ? Optional.empty() : Optional.of(new Statistic(Kind.PERCENTILE, value, name));
    }

    /** A {@code MetricStat.Stat}: a standard statistic or a percentile. */
    public static Optional<Statistic> of(String name) {
        return standard(name).or(() -> percentile(name));
    }
}
