package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricRequestsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static MetricRequests.PutEntry value(double value) {
        return new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.of(value), Optional.empty(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    private static AwsException refused(Runnable call) {
        return assertThrows(AwsException.class, call::run);
    }

    @Test
    void aValueIsStoredAtNowWithUnitNoneAndStandardResolution() {
        List<MetricDatum> data = MetricRequests.putMetricData("App", List.of(value(3)), NOW);
        assertEquals(1, data.size());
        assertEquals(NOW, data.get(0).timestamp());
        assertEquals("None", data.get(0).unit());
        assertEquals(60, data.get(0).storageResolution());
        assertEquals(3, data.get(0).samples().sum());
    }

    @Test
    void theAwsNamespacesAreReserved() {
        AwsException error = refused(() -> MetricRequests.putMetricData("AWS/EC2", List.of(value(1)), NOW));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, error.code());
        assertEquals("The value AWS/ for parameter Namespace is invalid.", error.getMessage());
    }

    @Test
    void valueStatisticValuesAndValuesAreMutuallyExclusive() {
        MetricRequests.PutEntry both = new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.of(1.0),
                Optional.of(new MetricRequests.StatisticSet(1, 1, 1, 1)), List.of(), List.of(), Optional.empty(), Optional.empty());
        AwsException error = refused(() -> MetricRequests.putMetricData("App", List.of(value(1), both), NOW));
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, error.code());
        assertEquals("The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have "
                + "specified both.", error.getMessage());
        MetricRequests.PutEntry none = new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), Optional.empty());
        assertEquals(ErrorCode.MISSING_PARAMETER, refused(() -> MetricRequests.putMetricData("App", List.of(none), NOW)).code());
    }

    @Test
    void valuesAndCountsMustPairUpAndValuesBeFiniteAndInRange() {
        MetricRequests.PutEntry unpaired = new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(1.0, 2.0), List.of(1.0), Optional.empty(), Optional.empty());
        assertEquals("The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.",
                refused(() -> MetricRequests.putMetricData("App", List.of(unpaired), NOW)).getMessage());
        assertEquals("The value NaN for parameter MetricData.member.1.Value is invalid.",
                refused(() -> MetricRequests.putMetricData("App", List.of(value(Double.NaN)), NOW)).getMessage());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(() -> MetricRequests.putMetricData("App", List.of(value(Math.pow(2, 361))), NOW)).code());
        MetricRequests.PutEntry many = new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Collections.nCopies(151, 1.0), List.of(), Optional.empty(), Optional.empty());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(() -> MetricRequests.putMetricData("App", List.of(many), NOW)).code());
    }

    @Test
    void timestampsMayBeTwoWeeksOldOrTwoHoursAhead() {
        MetricRequests.PutEntry old = new MetricRequests.PutEntry("M", List.of(), Optional.of(NOW.minus(Duration.ofDays(15))), Optional.of(1.0),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(() -> MetricRequests.putMetricData("App", List.of(old), NOW)).code());
        MetricRequests.PutEntry ahead = new MetricRequests.PutEntry("M", List.of(), Optional.of(NOW.plus(Duration.ofMinutes(119))), Optional.of(1.0),
                Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.of(1));
        assertEquals(1, MetricRequests.putMetricData("App", List.of(ahead), NOW).get(0).storageResolution());
    }

    @Test
    void storageResolutionIsOneOrSixtyAndDimensionNamesAreUnique() {
        MetricRequests.PutEntry resolution = new MetricRequests.PutEntry("M", List.of(), Optional.empty(), Optional.of(1.0), Optional.empty(),
                List.of(), List.of(), Optional.empty(), Optional.of(5));
        assertEquals("The value 5 for parameter MetricData.member.1.StorageResolution is invalid.",
                refused(() -> MetricRequests.putMetricData("App", List.of(resolution), NOW)).getMessage());
        MetricRequests.PutEntry twice = new MetricRequests.PutEntry("M", List.of(new Dimension("a", "1"), new Dimension("a", "2")), Optional.empty(),
                Optional.of(1.0), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(() -> MetricRequests.putMetricData("App", List.of(twice), NOW)).code());
    }

    @Test
    void periodsAreOneFiveTenThirtyOrMinutes() {
        assertEquals(300, MetricRequests.checkPeriod(300, "Period"));
        assertEquals(10, MetricRequests.checkPeriod(10, "Period"));
        assertEquals("The parameter Period must be 1, 5, 10, 30, or a multiple of 60.",
                refused(() -> MetricRequests.checkPeriod(90, "Period")).getMessage());
    }

    @Test
    void statisticsQueriesNeedAStatisticAndAtMost1440Datapoints() {
        Instant start = NOW.minus(Duration.ofDays(2));
        assertEquals(ErrorCode.MISSING_PARAMETER, refused(() -> MetricRequests.statistics(List.of(), List.of(), start, NOW, 60)).code());
        AwsException tooMany = refused(() -> MetricRequests.statistics(List.of("Sum"), List.of(), start, NOW, 60));
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, tooMany.code());
        assertEquals(true, tooMany.getMessage().startsWith("You have requested up to 2880 datapoints, which exceeds the limit of 1440."));
        assertEquals(2, MetricRequests.statistics(List.of("Sum", "Maximum"), List.of(), start, NOW, 120).size());
        assertEquals("The value p101 for parameter ExtendedStatistics is invalid.",
                refused(() -> MetricRequests.statistics(List.of(), List.of("p101"), start, NOW, 3600)).getMessage());
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION,
                refused(() -> MetricRequests.statistics(List.of("Sum"), List.of("p99"), start, NOW, 3600)).code());
    }

    @Test
    void startMustComeBeforeEnd() {
        assertEquals("The parameter StartTime must be less than the parameter EndTime.",
                refused(() -> MetricRequests.checkTimeRange(NOW, NOW)).getMessage());
    }
}
