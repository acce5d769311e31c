package dev.backlane.core.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlarmRequestsTest {
    private static AwsException refused(AlarmRequests.PutAlarmRequest request) {
        return assertThrows(AwsException.class, () -> AlarmRequests.definition(request));
    }

    @Test
    void periodsAreTenTwentyThirtyOrMultiplesOfSixty() {
        AlarmRequests.PutAlarmRequest valid = Alarms.request(1, Optional.empty(), Optional.empty());
        for (int period : List.of(10, 20, 30, 60, 300)) {
            assertEquals(Optional.of(period), AlarmRequests.definition(Alarms.withPeriod(valid, period)).period());
        }
        AwsException refused = refused(Alarms.withPeriod(valid, 45));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertEquals("The value 45 for parameter Period is invalid. Valid values are 10, 20, 30, and any multiple of 60.", refused.getMessage());
    }

    @Test
    void datapointsToAlarmCannotExceedEvaluationPeriods() {
        AwsException refused = refused(Alarms.request(2, Optional.of(3), Optional.empty()));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertEquals("DatapointsToAlarm (3) must be between 1 and EvaluationPeriods (2).", refused.getMessage());
    }

    @Test
    void theTotalEvaluationPeriodIsAtMostADay() {
        AwsException refused = refused(Alarms.withPeriod(Alarms.request(1441, Optional.empty(), Optional.empty()), 60));
        assertEquals(ErrorCode.VALIDATION_ERROR, refused.code());
        assertEquals(1440, AlarmRequests.definition(Alarms.withPeriod(Alarms.request(1440, Optional.empty(), Optional.empty()), 60))
                .evaluationPeriods());
    }

    @Test
    void treatMissingDataIsOneOfFour() {
        AwsException refused = refused(Alarms.request(1, Optional.empty(), Optional.of("sometimes")));
        assertEquals("Option sometimes is not supported. Supported options for parameter TreatMissingData are missing, ignore, breaching and "
                + "notBreaching.", refused.getMessage());
        assertEquals(MissingData.NOT_BREACHING, AlarmRequests.definition(Alarms.request(1, Optional.empty(), Optional.of("notBreaching"))).missingData());
    }

    @Test
    void metricsExcludeTheSingleMetricMembersAndReturnExactlyOne() {
        MetricDataQuery.MetricStat stat = new MetricDataQuery.MetricStat(new MetricKey("App", "Latency", List.of()), 60, "Average", Optional.empty());
        AlarmRequests.PutAlarmRequest single = Alarms.request(1, Optional.empty(), Optional.empty());
        AlarmRequests.PutAlarmRequest both = new AlarmRequests.PutAlarmRequest(single.description(), single.actionsEnabled(), single.okActions(),
                single.alarmActions(), single.insufficientDataActions(), single.namespace(), single.metricName(), single.dimensions(),
                single.statistic(), single.extendedStatistic(), single.period(), single.unit(), single.evaluationPeriods(), single.datapointsToAlarm(),
                single.threshold(), single.comparisonOperator(), single.treatMissingData(), single.evaluateLowSampleCountPercentile(),
                List.of(MetricDataQuery.metric("m1", stat, Optional.empty(), true)), Optional.empty(), single.tags(), false);
        AwsException mixed = refused(both);
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, mixed.code());
        assertEquals("The parameters Metrics and MetricName are mutually exclusive and you have specified both.", mixed.getMessage());
        AwsException none = refused(Alarms.withMetrics(single, List.of(MetricDataQuery.metric("m1", stat, Optional.empty(), false))));
        assertEquals("Exactly one element of the metrics list should return data.", none.getMessage());
        AlarmDefinition metrics = AlarmRequests.definition(Alarms.withMetrics(single, List.of(
                MetricDataQuery.metric("m1", stat, Optional.empty(), true))));
        assertEquals(60, metrics.evaluatedPeriod());
        AlarmDefinition math = AlarmRequests.definition(Alarms.withMetrics(single, List.of(MetricDataQuery.metric("m1", stat, Optional.empty(), false),
                MetricDataQuery.expression("e1", "m1 * 2", Optional.empty(), Optional.empty(), true))));
        assertEquals(60, math.evaluatedPeriod());
        assertEquals("e1", math.returned().id());
    }

    @Test
    void statisticAndExtendedStatisticAreExclusive() {
        AlarmRequests.PutAlarmRequest single = Alarms.request(1, Optional.empty(), Optional.empty());
        AlarmRequests.PutAlarmRequest both = new AlarmRequests.PutAlarmRequest(single.description(), single.actionsEnabled(), single.okActions(),
                single.alarmActions(), single.insufficientDataActions(), single.namespace(), single.metricName(), single.dimensions(),
                single.statistic(), Optional.of("p99"), single.period(), single.unit(), single.evaluationPeriods(), single.datapointsToAlarm(),
                single.threshold(), single.comparisonOperator(), single.treatMissingData(), single.evaluateLowSampleCountPercentile(), List.of(),
                Optional.empty(), single.tags(), false);
        AwsException refused = refused(both);
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, refused.code());
        assertEquals("The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.", refused.getMessage());
    }
}
