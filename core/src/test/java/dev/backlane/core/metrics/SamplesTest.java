package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamplesTest {
    private static Statistic statistic(String name) {
        return Statistic.of(name).orElseThrow();
    }

    @Test
    void standardStatisticsOfMergedValues() {
        Samples samples = Samples.of(10, 1).merge(Samples.of(20, 3)).merge(Samples.of(-4, 1));
        assertEquals(Optional.of(5.0), samples.value(statistic("SampleCount")));
        assertEquals(Optional.of(66.0), samples.value(statistic("Sum")));
        assertEquals(Optional.of(13.2), samples.value(statistic("Average")));
        assertEquals(Optional.of(-4.0), samples.value(statistic("Minimum")));
        assertEquals(Optional.of(20.0), samples.value(statistic("Maximum")));
    }

    @Test
    void percentilesAreNearestRankOverCounts() {
        Samples samples = Samples.of(1, 1).merge(Samples.of(2, 1)).merge(Samples.of(3, 1)).merge(Samples.of(4, 7));
        assertEquals(Optional.of(4.0), samples.value(statistic("p50")));
        assertEquals(Optional.of(2.0), samples.value(statistic("p20")));
        assertEquals(Optional.of(1.0), samples.value(statistic("p0")));
        assertEquals(Optional.of(4.0), samples.value(statistic("p99.9")));
    }

    @Test
    void aStatisticSetHasNoPercentiles() {
        Samples samples = Samples.ofStatistics(4, 10, 1, 5).merge(Samples.of(3, 1));
        assertEquals(Optional.of(13.0), samples.value(statistic("Sum")));
        assertTrue(samples.value(statistic("p90")).isEmpty());
    }

    @Test
    void onlyPercentilesUpToOneHundredWithTwoDecimalsAreStatistics() {
        assertTrue(Statistic.of("p100").isPresent());
        assertTrue(Statistic.of("p99.99").isPresent());
        assertTrue(Statistic.of("p100.1").isEmpty());
        assertTrue(Statistic.of("p99.999").isEmpty());
        assertTrue(Statistic.of("tm99").isEmpty());
        assertTrue(Statistic.standard("p99").isEmpty());
        assertTrue(Statistic.percentile("Sum").isEmpty());
    }
}
