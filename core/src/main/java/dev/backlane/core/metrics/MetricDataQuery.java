package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of GetMetricData's {@code MetricDataQueries} as given: its ID, the metric statistic to read (metric,
 * period, stat, unit) or a math expression with the period it is evaluated at, if given, its label and whether its
 * data is returned.
 */
public record MetricDataQuery(String id, Optional<MetricStat> metricStat, Optional<String> expression, Optional<Integer> period,
        Optional<String> label, boolean returnData) {
    public MetricDataQuery {
        requireNonNull(id, "id is null");
        requireNonNull(metricStat, "metricStat is null");
        requireNonNull(expression, "expression is null");
        requireNonNull(period, "period is null");
        requireNonNull(label, "label is null");
    }

    /** A query that reads a metric. */
    public static MetricDataQuery metric(String id, MetricStat stat, Optional<String> label, boolean returnData) {
        return new MetricDataQuery(id, Optional.of(stat), Optional.empty(), Optional.empty(), label, returnData);
    }

    /** A query that evaluates metric math. */
    public static MetricDataQuery expression(String id, String expression, Optional<Integer> period, Optional<String> label, boolean returnData) {
        return new MetricDataQuery(id, Optional.empty(), Optional.of(expression), period, label, returnData);
    }

    /** A {@code MetricStat}: the metric, the period in seconds, the statistic's name, and the unit to read, if one. */
    public record MetricStat(MetricKey metric, int period, String stat, Optional<String> unit) {
        public MetricStat {
            requireNonNull(metric, "metric is null");
            requireNonNull(stat, "stat is null");
            requireNonNull(unit, "unit is null");
        }
    }
}
