package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricKey;
import java.util.List;
import java.util.Optional;

/**
 * What PutMetricAlarm defines, checked ({@link AlarmRequests}): the actions, and either one metric with its
 * statistic, period and unit, or {@code metrics} (a list of metric queries of which one returns the data the alarm
 * watches); the threshold and how it is compared over how many periods; and how missing data counts. Optional
 * members are those AWS leaves out of DescribeAlarms when they were not given.
 */
public record AlarmDefinition(
        Optional<String> description,
        boolean actionsEnabled,
        List<String> okActions,
        List<String> alarmActions,
        List<String> insufficientDataActions,
        Optional<MetricKey> metric,
        Optional<String> statistic,
        Optional<String> extendedStatistic,
        Optional<Integer> period,
        Optional<String> unit,
        int evaluationPeriods,
        Optional<Integer> datapointsToAlarm,
        Optional<Double> threshold,
        ComparisonOperator comparisonOperator,
        Optional<String> treatMissingData,
        Optional<String> evaluateLowSampleCountPercentile,
        List<MetricDataQuery> metrics,
        Optional<String> thresholdMetricId) {

    public AlarmDefinition {
        requireNonNull(description, "description is null");
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        requireNonNull(metric, "metric is null");
        requireNonNull(statistic, "statistic is null");
        requireNonNull(extendedStatistic, "extendedStatistic is null");
        requireNonNull(period, "period is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(datapointsToAlarm, "datapointsToAlarm is null");
        requireNonNull(threshold, "threshold is null");
        requireNonNull(comparisonOperator, "comparisonOperator is null");
        requireNonNull(treatMissingData, "treatMissingData is null");
        requireNonNull(evaluateLowSampleCountPercentile, "evaluateLowSampleCountPercentile is null");
        metrics = List.copyOf(metrics);
        requireNonNull(thresholdMetricId, "thresholdMetricId is null");
    }

    /** The metric statistic of a single-metric alarm. */
    public MetricDataQuery.MetricStat watched() {
        return new MetricDataQuery.MetricStat(metric.orElseThrow(), period.orElseThrow(), statistic.or(() -> extendedStatistic).orElseThrow(), unit);
    }

    /** The one query of {@code metrics} that returns the data a metric-math alarm watches. */
    public MetricDataQuery returned() {
        return metrics.stream().filter(MetricDataQuery::returnData).findFirst().orElseThrow();
    }

    /**
     * The period the alarm evaluates: its own, or its returned query's (a MetricStat's period, an expression's
     * {@code Period}, else the shortest period of the metrics it reads).
     */
    public int evaluatedPeriod() {
        if (period.isPresent()) {
            return period.get();
        }
        MetricDataQuery returned = returned();
        return returned.metricStat().map(MetricDataQuery.MetricStat::period).or(returned::period).orElseGet(() -> metrics.stream()
                .flatMap(query -> query.metricStat().stream()).mapToInt(MetricDataQuery.MetricStat::period).min().orElse(60));
    }

    /** M of "M out of N": how many breaching periods put the alarm in ALARM; N when not given. */
    public int datapointsNeeded() {
        return datapointsToAlarm.orElse(evaluationPeriods);
    }

    public MissingData missingData() {
        return treatMissingData.flatMap(MissingData::of).orElse(MissingData.MISSING);
    }

    public AlarmDefinition withActionsEnabled(boolean enabled) {
        return new AlarmDefinition(description, enabled, okActions, alarmActions, insufficientDataActions, metric, statistic, extendedStatistic,
                period, unit, evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator, treatMissingData,
                evaluateLowSampleCountPercentile, metrics, thresholdMetricId);
    }
}
