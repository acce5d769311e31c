package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.MetricRequests;
import dev.backlane.core.metrics.Statistic;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch's checks on PutMetricAlarm, with its codes and messages (naming parameters as the Query protocol does,
 * whatever protocol the call came in): one metric with its statistic and period, or a list of metric queries; the
 * threshold or, for the band operators, a threshold metric; periods of 10, 20, 30 seconds or a multiple of 60; M out
 * of N; how missing data is treated; AWS's limits on the total evaluation period, tags and metrics.
 */
public final class AlarmRequests {
    /** Period × EvaluationPeriods: at most a day for periods under an hour, seven days for longer ones. */
    static final long MAX_RANGE_SECONDS = 86_400;
    static final long MAX_LONG_RANGE_SECONDS = 7 * 86_400;
    /** An alarm's {@code Metrics}: at most 10 queries; tags: at most 50 per resource. */
    static final int MAX_METRICS = 10;
    static final int MAX_TAGS = 50;
    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");

    private AlarmRequests() {}

    /** PutMetricAlarm's members as given, before validation. */
    public record PutAlarmRequest(
            Optional<String> description,
            Optional<Boolean> actionsEnabled,
            List<String> okActions,
            List<String> alarmActions,
            List<String> insufficientDataActions,
            Optional<String> namespace,
            Optional<String> metricName,
            List<Dimension> dimensions,
            Optional<String> statistic,
            Optional<String> extendedStatistic,
            Optional<Integer> period,
            Optional<String> unit,
            Optional<Integer> evaluationPeriods,
            Optional<Integer> datapointsToAlarm,
            Optional<Double> threshold,
            Optional<String> comparisonOperator,
            Optional<String> treatMissingData,
            Optional<String> evaluateLowSampleCountPercentile,
            List<MetricDataQuery> metrics,
            Optional<String> thresholdMetricId,
            Map<String, String> tags,
            boolean promQl) {
        public PutAlarmRequest {
            requireNonNull(description, "description is null");
            requireNonNull(actionsEnabled, "actionsEnabled is null");
            okActions = List.copyOf(okActions);
            alarmActions = List.copyOf(alarmActions);
            insufficientDataActions = List.copyOf(insufficientDataActions);
            requireNonNull(namespace, "namespace is null");
            requireNonNull(metricName, "metricName is null");
            dimensions = List.copyOf(dimensions);
            requireNonNull(statistic, "statistic is null");
            requireNonNull(extendedStatistic, "extendedStatistic is null");
            requireNonNull(period, "period is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(evaluationPeriods, "evaluationPeriods is null");
            requireNonNull(datapointsToAlarm, "datapointsToAlarm is null");
            requireNonNull(threshold, "threshold is null");
            requireNonNull(comparisonOperator, "comparisonOperator is null");
            requireNonNull(treatMissingData, "treatMissingData is null");
            requireNonNull(evaluateLowSampleCountPercentile, "evaluateLowSampleCountPercentile is null");
            metrics = List.copyOf(metrics);
            requireNonNull(thresholdMetricId, "thresholdMetricId is null");
            tags = Map.copyOf(tags);
        }
    }

    /** The alarm the request defines, checked whole before anything is stored. */
    public static AlarmDefinition definition(PutAlarmRequest request) {
        if (request.promQl()) {
            throw AwsException.of(ErrorCode.UNSUPPORTED, "EvaluationCriteria and EvaluationInterval: Backlane does not evaluate PromQL alarms.");
        }
        ComparisonOperator operator = request.comparisonOperator().map(name -> ComparisonOperator.of(name).orElseThrow(
                () -> AwsException.of(ErrorCode.VALIDATION_ERROR, "The value %s for parameter ComparisonOperator is invalid.", name)))
                .orElseThrow(() -> missing("ComparisonOperator"));
        int evaluationPeriods = request.evaluationPeriods().orElseThrow(() -> missing("EvaluationPeriods"));
        if (evaluationPeriods < 1) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The value %d for parameter EvaluationPeriods is invalid.", evaluationPeriods);
        }
        if (request.datapointsToAlarm().isPresent()) {
            int datapoints = request.datapointsToAlarm().get();
            if (datapoints < 1 || datapoints > evaluationPeriods) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                        "DatapointsToAlarm (%d) must be between 1 and EvaluationPeriods (%d).", datapoints, evaluationPeriods);
            }
        }
        checkThreshold(request, operator);
        request.treatMissingData().ifPresent(value -> MissingData.of(value).orElseThrow(() -> AwsException.of(ErrorCode.VALIDATION_ERROR,
                "Option %s is not supported. Supported options for parameter TreatMissingData are missing, ignore, breaching and notBreaching.",
                value)));
        request.evaluateLowSampleCountPercentile().ifPresent(value -> {
            if (!value.equals("evaluate") && !value.equals("ignore")) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                        "Option %s is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.", value);
            }
        });
        checkActions(request.okActions(), "OKActions");
        checkActions(request.alarmActions(), "AlarmActions");
        checkActions(request.insufficientDataActions(), "InsufficientDataActions");
        checkTags(request.tags().size());
        Optional<MetricKey> metric = Optional.empty();
        if (request.metrics().isEmpty()) {
            metric = Optional.of(singleMetric(request));
        } else {
            metricQueries(request);
        }
        AlarmDefinition definition = new AlarmDefinition(request.description(), request.actionsEnabled().orElse(true), request.okActions(),
                request.alarmActions(), request.insufficientDataActions(), metric, request.statistic(), request.extendedStatistic(), request.period(),
                request.unit(), evaluationPeriods, request.datapointsToAlarm(), request.threshold(), operator, request.treatMissingData(),
                request.evaluateLowSampleCountPercentile(), request.metrics(), request.thresholdMetricId());
        int period = definition.evaluatedPeriod();
        long total = (long) period * evaluationPeriods;
        if (period < 3600 && total > MAX_RANGE_SECONDS || total > MAX_LONG_RANGE_SECONDS) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The evaluation period of the alarm, Period (%d) multiplied by EvaluationPeriods (%d), "
                    + "must not exceed %d seconds.", period, evaluationPeriods, period < 3600 ? MAX_RANGE_SECONDS : MAX_LONG_RANGE_SECONDS);
        }
        if (operator.comparesWithBand()) {
            throw AwsException.of(ErrorCode.UNSUPPORTED, "ComparisonOperator %s: Backlane does not evaluate anomaly detection bands.",
                    operator.wireName());
        }
        return definition;
    }

    /** How many tags a resource may carry; also TagResource's check. */
    public static void checkTags(int count) {
        if (count > MAX_TAGS) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The number of tags exceeds the limit of %d tags per resource.", MAX_TAGS);
        }
    }

    private static void checkThreshold(PutAlarmRequest request, ComparisonOperator operator) {
        if (operator.comparesWithBand()) {
            if (request.thresholdMetricId().isEmpty()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "ThresholdMetricId is required for the comparison operator %s.", operator.wireName());
            }
            if (request.threshold().isPresent()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameters Threshold and ThresholdMetricId are mutually exclusive and you have specified both.");
            }
            return;
        }
        if (request.thresholdMetricId().isPresent()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "ThresholdMetricId can only be used with the comparison operators "
                    + "LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold and GreaterThanUpperThreshold.");
        }
        double threshold = request.threshold().orElseThrow(() -> missing("Threshold"));
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The value %s for parameter Threshold is invalid.", threshold);
        }
    }

    private static void checkActions(List<String> actions, String parameter) {
        for (int i = 0; i < actions.size(); i++) {
            if (!ARN.matcher(actions.get(i)).matches()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid arn syntax: %s (%s.member.%d)", actions.get(i), parameter, i + 1);
            }
        }
    }

    private static MetricKey singleMetric(PutAlarmRequest request) {
        String namespace = request.namespace().orElseThrow(() -> missing("Namespace"));
        String metricName = request.metricName().orElseThrow(() -> missing("MetricName"));
        MetricRequests.checkDimensions(request.dimensions(), "Dimensions");
        if (request.statistic().isPresent() && request.extendedStatistic().isPresent()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.");
        }
        if (request.statistic().isEmpty() && request.extendedStatistic().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "Must specify either Statistic or ExtendedStatistic.");
        }
        request.extendedStatistic().ifPresent(name -> Statistic.percentile(name).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                "The value %s for parameter ExtendedStatistic is not supported.", name)));
        checkPeriod(request.period().orElseThrow(() -> missing("Period")), "Period");
        return new MetricKey(namespace, metricName, request.dimensions());
    }

    /** The {@code Metrics} of a metric-math alarm: valid queries, exactly one returning data, a period to evaluate at. */
    private static void metricQueries(PutAlarmRequest request) {
        for (String single : List.of("MetricName", "Namespace", "Dimensions", "Statistic", "ExtendedStatistic", "Period", "Unit")) {
            boolean given = switch (single) {
                case "MetricName" -> request.metricName().isPresent();
                case "Namespace" -> request.namespace().isPresent();
                case "Dimensions" -> !request.dimensions().isEmpty();
                case "Statistic" -> request.statistic().isPresent();
                case "ExtendedStatistic" -> request.extendedStatistic().isPresent();
                case "Period" -> request.period().isPresent();
                default -> request.unit().isPresent();
            };
            if (given) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "The parameters Metrics and %s are mutually exclusive and you have specified both.", single);
            }
        }
        if (request.metrics().size() > MAX_METRICS) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The collection Metrics must not have a size greater than %d.", MAX_METRICS);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < request.metrics().size(); i++) {
            MetricDataQuery query = request.metrics().get(i);
            String path = "Metrics.member." + (i + 1);
            if (!ID.matcher(query.id()).matches()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid metrics list: The value %s for field %s.Id is invalid: it must start "
                        + "with a lowercase letter and contain only letters, numbers and underscores.", query.id(), path);
            }
            if (!ids.add(query.id())) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The values for parameter id in Metrics are not unique.");
            }
            if (query.metricStat().isPresent() == query.expression().isPresent()) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Invalid metrics list: Exactly one of MetricStat and Expression must be given in %s.",
                        path);
            }
            query.period().ifPresent(period -> checkPeriod(period, path + ".Period"));
            query.metricStat().ifPresent(stat -> {
                checkPeriod(stat.period(), path + ".MetricStat.Period");
                MetricRequests.checkDimensions(stat.metric().dimensions(), path + ".MetricStat.Metric.Dimensions");
                MetricRequests.stat(stat.stat(), path + ".MetricStat.Stat");
            });
        }
        List<MetricDataQuery> returned = request.metrics().stream().filter(MetricDataQuery::returnData).toList();
        if (returned.size() != 1) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Exactly one element of the metrics list should return data.");
        }
        MetricDataQuery expression = returned.get(0);
        if (expression.metricStat().isEmpty() && expression.period().isEmpty()
                && request.metrics().stream().allMatch(query -> query.metricStat().isEmpty())) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Period must be specified for the expression %s, which reads no metric.",
                    expression.id());
        }
        // The expressions themselves are checked when the alarm is first evaluated, before it is stored (MetricDataReader).
    }

    /** An alarm's period: 10, 20, 30 seconds (high resolution) or a multiple of 60. */
    private static void checkPeriod(int period, String path) {
        if (period <= 0 || (period % 60 != 0 && period != 10 && period != 20 && period != 30)) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "The value %d for parameter %s is invalid. Valid values are 10, 20, 30, and any "
                    + "multiple of 60.", period, path);
        }
    }

    private static AwsException missing(String parameter) {
        return AwsException.of(ErrorCode.MISSING_PARAMETER, "The parameter %s is required.", parameter);
    }
}
