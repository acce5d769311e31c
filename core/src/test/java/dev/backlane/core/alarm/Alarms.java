package dev.backlane.core.alarm;

import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDataQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests for the alarm tests: a valid single-metric alarm to vary. */
final class Alarms {
    private Alarms() {}

    static AlarmRequests.PutAlarmRequest request(int evaluationPeriods, Optional<Integer> datapointsToAlarm, Optional<String> treatMissingData) {
        return new AlarmRequests.PutAlarmRequest(Optional.of("latency too high"), Optional.empty(), List.of(),
                List.of("arn:aws:sns:us-east-1:000000000000:pager"), List.of(), Optional.of("App"), Optional.of("Latency"),
                List.of(new Dimension("Service", "a")), Optional.of("Maximum"), Optional.empty(), Optional.of(60), Optional.empty(),
                Optional.of(evaluationPeriods), datapointsToAlarm, Optional.of(100.0), Optional.of("GreaterThanThreshold"), treatMissingData,
                Optional.empty(), List.of(), Optional.empty(), Map.of(), false);
    }

    static AlarmRequests.PutAlarmRequest withMetrics(AlarmRequests.PutAlarmRequest request, List<MetricDataQuery> metrics) {
        return new AlarmRequests.PutAlarmRequest(request.description(), request.actionsEnabled(), request.okActions(), request.alarmActions(),
                request.insufficientDataActions(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), request.evaluationPeriods(), request.datapointsToAlarm(), request.threshold(), request.comparisonOperator(),
                request.treatMissingData(), request.evaluateLowSampleCountPercentile(), metrics, request.thresholdMetricId(), request.tags(), false);
    }

    static AlarmRequests.PutAlarmRequest withPeriod(AlarmRequests.PutAlarmRequest request, int period) {
        return new AlarmRequests.PutAlarmRequest(request.description(), request.actionsEnabled(), request.okActions(), request.alarmActions(),
                request.insufficientDataActions(), request.namespace(), request.metricName(), request.dimensions(), request.statistic(),
                request.extendedStatistic(), Optional.of(period), request.unit(), request.evaluationPeriods(), request.datapointsToAlarm(),
                request.threshold(), request.comparisonOperator(), request.treatMissingData(), request.evaluateLowSampleCountPercentile(),
                request.metrics(), request.thresholdMetricId(), request.tags(), false);
    }

    static AlarmDefinition definition(int evaluationPeriods, int datapointsToAlarm, String treatMissingData) {
        return AlarmRequests.definition(request(evaluationPeriods, Optional.of(datapointsToAlarm), Optional.of(treatMissingData)));
    }
}
