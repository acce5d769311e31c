package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CloudWatch's checks on the metric calls, with its codes and messages (which name parameters as the Query
 * protocol does, {@code MetricData.member.1.Value}, whatever protocol the call came in): what PutMetricData
 * accepts, which periods and statistics a query may ask for and how many data points it may return.
 */
public final class MetricRequests {
    /** PutMetricData: at most 1,000 entries, 150 distinct values per entry, 30 dimensions per metric. */
    static final int MAX_METRIC_DATA = 1_000;
    static final int MAX_VALUES = 150;
    static final int MAX_DIMENSIONS = 30;
    /** GetMetricStatistics returns at most 1,440 data points per call. */
    static final int MAX_STATISTICS_DATAPOINTS = 1_440;
    /** A value's magnitude must lie in [2^-360, 2^360] (or be 0). */
    private static final double LARGEST = Math.pow(2, 360);
    private static final double SMALLEST = Math.pow(2, -360);
    private static final Duration PAST = Duration.ofDays(14);
    private static final Duration FUTURE = Duration.ofHours(2);

    private MetricRequests() {}

    /** A statistic set as PutMetricData's {@code StatisticValues} gives it. */
    public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
    }

    /** One {@code MetricData} entry as given, before validation. */
    public record PutEntry(String metricName, List<Dimension> dimensions, Optional<Instant> timestamp, Optional<Double> value,
            Optional<StatisticSet> statisticValues, List<Double> values, List<Double> counts, Optional<String> unit,
            Optional<Integer> storageResolution) {
        public PutEntry {
            requireNonNull(metricName, "metricName is null");
            dimensions = List.copyOf(dimensions);
            requireNonNull(timestamp, "timestamp is null");
            requireNonNull(value, "value is null");
            requireNonNull(statisticValues, "statisticValues is null");
            values = List.copyOf(values);
            counts = List.copyOf(counts);
            requireNonNull(unit, "unit is null");
            requireNonNull(storageResolution, "storageResolution is null");
        }
    }

    /** The data of a PutMetricData call, checked whole before any of it is stored. */
    public static List<MetricDatum> putMetricData(String namespace, List<PutEntry> entries, Instant now) {
        if (namespace.startsWith("AWS/")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value AWS/ for parameter Namespace is invalid.");
        }
        if (entries.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter MetricData is required.");
        }
        if (entries.size() > MAX_METRIC_DATA) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "The collection MetricData must not have a size greater than %d.", MAX_METRIC_DATA);
        }
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            data.addAll(datum(namespace, entries.get(i), "MetricData.member." + (i + 1), now));
        }
        return data;
    }

    private static List<MetricDatum> datum(String namespace, PutEntry entry, String path, Instant now) {
        checkDimensions(entry.dimensions(), path + ".Dimensions");
        int given = (entry.value().isPresent() ? 1 : 0) + (entry.statisticValues().isPresent() ? 1 : 0) + (entry.values().isEmpty() ? 0 : 1);
        if (entry.value().isPresent() && entry.statisticValues().isPresent()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters %1$s.Value and %1$s.StatisticValues are mutually exclusive and you have specified both.", path);
        }
        if (entry.value().isPresent() && !entry.values().isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters %1$s.Value and %1$s.Values are mutually exclusive and you have specified both.", path);
        }
        if (given > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters %1$s.StatisticValues and %1$s.Values are mutually exclusive and you have specified both.", path);
        }
        if (given == 0) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter %s.Value is required.", path);
        }
        int resolution = entry.storageResolution().orElse(60);
        if (resolution != 1 && resolution != 60) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %d for parameter %s.StorageResolution is invalid.", resolution, path);
        }
        Instant timestamp = entry.timestamp().orElse(now);
        if (timestamp.isBefore(now.minus(PAST)) || timestamp.isAfter(now.plus(FUTURE))) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "The parameter %s.Timestamp must specify a time no more than two weeks in the past or two hours in the future.", path);
        }
        MetricKey key = new MetricKey(namespace, entry.metricName(), entry.dimensions());
        String unit = entry.unit().orElse("None");
        if (entry.value().isPresent()) {
            double value = checkValue(entry.value().get(), path + ".Value");
            return List.of(new MetricDatum(key, timestamp, unit, resolution, Samples.of(value, 1)));
        }
        if (entry.statisticValues().isPresent()) {
            StatisticSet set = entry.statisticValues().get();
            String at = path + ".StatisticValues";
            checkValue(set.sampleCount(), at + ".SampleCount");
            checkValue(set.sum(), at + ".Sum");
            checkValue(set.minimum(), at + ".Minimum");
            checkValue(set.maximum(), at + ".Maximum");
            if (set.sampleCount() <= 0) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %s for parameter %s.SampleCount is invalid.",
                        format(set.sampleCount()), at);
            }
            if (set.minimum() > set.maximum()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "The parameter %1$s.Minimum must be less than or equal to the parameter %1$s.Maximum.", at);
            }
            return List.of(new MetricDatum(key, timestamp, unit, resolution,
                    Samples.ofStatistics(set.sampleCount(), set.sum(), set.minimum(), set.maximum())));
        }
        if (entry.values().size() > MAX_VALUES) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The collection %s.Values must not have a size greater than %d.", path,
                    MAX_VALUES);
        }
        if (!entry.counts().isEmpty() && entry.counts().size() != entry.values().size()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameters %1$s.Values and %1$s.Counts must be of the same size.", path);
        }
        Samples samples = null;
        for (int j = 0; j < entry.values().size(); j++) {
            double value = checkValue(entry.values().get(j), path + ".Values.member." + (j + 1));
            double count = entry.counts().isEmpty() ? 1 : entry.counts().get(j);
            if (!(count >= 0) || Double.isInfinite(count)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %s for parameter %s.Counts.member.%d is invalid.",
                        format(count), path, j + 1);
            }
            Samples one = Samples.of(value, count);
            samples = samples == null ? one : samples.merge(one);
        }
        return List.of(new MetricDatum(key, timestamp, unit, resolution, samples));
    }

    /** A metric's dimensions: at most 30, names unique. Also what GetMetricStatistics and GetMetricData check of theirs. */
    public static void checkDimensions(List<Dimension> dimensions, String path) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The collection %s must not have a size greater than %d.", path, MAX_DIMENSIONS);
        }
        Set<String> names = new HashSet<>();
        for (Dimension dimension : dimensions) {
            if (!names.add(dimension.name())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "No metric may have more than one dimension named %s.", dimension.name());
            }
        }
    }

    private static double checkValue(double value, String path) {
        double magnitude = Math.abs(value);
        if (Double.isNaN(value) || Double.isInfinite(value) || magnitude > LARGEST || (magnitude != 0 && magnitude < SMALLEST)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %s for parameter %s is invalid.", format(value), path);
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A query's period: 1, 5, 10, 30 or a multiple of 60 seconds. */
    public static int checkPeriod(int period, String path) {
        if (period <= 0 || (period % 60 != 0 && period != 1 && period != 5 && period != 10 && period != 30)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameter %s must be 1, 5, 10, 30, or a multiple of 60.", path);
        }
        return period;
    }

    /** A query's time range: the start before the end. */
    public static void checkTimeRange(Instant start, Instant end) {
        if (!start.isBefore(end)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameter StartTime must be less than the parameter EndTime.");
        }
    }

    /** GetMetricStatistics' statistics: at least one of the standard or extended ones, each valid, the data points within the limit. */
    public static List<Statistic> statistics(List<String> standard, List<String> extended, Instant start, Instant end, int period) {
        if (standard.isEmpty() && extended.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Must specify either Statistics or ExtendedStatistics.");
        }
        if (!standard.isEmpty() && !extended.isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
        }
        List<Statistic> statistics = new ArrayList<>();
        for (String name : standard) {
            statistics.add(Statistic.standard(name).orElseThrow(
                    () -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %s for parameter Statistics is invalid.", name)));
        }
        for (String name : extended) {
            statistics.add(Statistic.percentile(name).orElseThrow(
                    () -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The value %s for parameter ExtendedStatistics is invalid.", name)));
        }
        long requested = (Duration.between(start, end).toSeconds() + period - 1) / period;
        if (requested > MAX_STATISTICS_DATAPOINTS) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "You have requested up to %d datapoints, which exceeds the limit of %d. You may reduce the datapoints requested by increasing "
                            + "Period, or decreasing the time range.", requested, MAX_STATISTICS_DATAPOINTS);
        }
        return statistics;
    }

    /** A GetMetricData {@code MetricStat.Stat}. */
    public static Statistic stat(String name, String path) {
        return Statistic.of(name).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "The value %s for parameter %s is invalid. Backlane computes SampleCount, Average, Sum, Minimum, Maximum and percentiles (pNN.NN).",
                name, path));
    }
}
