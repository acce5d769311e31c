package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricStoreTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Scope OTHER = new Scope("111111111111", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:30Z");
    private static final MetricKey KEY = new MetricKey("App", "Latency", List.of(new Dimension("Service", "a"), new Dimension("Az", "x")));

    private static MetricDatum datum(MetricKey key, Instant at, double value, int resolution) {
        return new MetricDatum(key, at, "Milliseconds", resolution, Samples.of(value, 1));
    }

    @Test
    void valuesOfOneMinuteAreAggregatedIntoOnePeriod() {
        MetricStore store = new MetricStore(10, 100);
        store.put(SCOPE, List.of(datum(KEY, NOW.minusSeconds(20), 10, 60), datum(KEY, NOW.minusSeconds(5), 30, 60),
                datum(KEY, NOW.minusSeconds(90), 7, 60)), NOW);
        List<Datapoint> points = store.datapoints(SCOPE, KEY, NOW.minusSeconds(600), NOW.plusSeconds(60), 60, Optional.empty(), NOW);
        assertEquals(2, points.size());
        Datapoint last = points.get(1);
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), last.timestamp());
        assertEquals(2, last.samples().sampleCount());
        assertEquals(40, last.samples().sum());
        assertEquals(10, last.samples().minimum());
        assertEquals(30, last.samples().maximum());
        assertEquals("Milliseconds", last.unit());
        assertEquals(Instant.parse("2026-12-07T11:59:00Z"), points.get(0).timestamp());
    }

    @Test
    void dimensionsInAnotherOrderAreTheSameMetricAndScopesAreApart() {
        MetricStore store = new MetricStore(10, 100);
        MetricKey reordered = new MetricKey("App", "Latency", List.of(new Dimension("Az", "x"), new Dimension("Service", "a")));
        store.put(SCOPE, List.of(datum(reordered, NOW, 5, 60)), NOW);
        assertEquals(1, store.datapoints(SCOPE, KEY, NOW.minusSeconds(60), NOW.plusSeconds(60), 60, Optional.empty(), NOW).size());
        assertTrue(store.datapoints(OTHER, KEY, NOW.minusSeconds(60), NOW.plusSeconds(60), 60, Optional.empty(), NOW).isEmpty());
        assertEquals(List.of(KEY), store.list(SCOPE, Optional.of("App"), Optional.empty(), List.of(), false, NOW));
        assertTrue(store.list(OTHER, Optional.empty(), Optional.empty(), List.of(), false, NOW).isEmpty());
    }

    @Test
    void highResolutionDataIsKeptPerSecondForThreeHoursThenPerMinute() {
        MetricStore store = new MetricStore(10, 10_000);
        store.put(SCOPE, List.of(datum(KEY, NOW.minusSeconds(30), 1, 1), datum(KEY, NOW.minusSeconds(29), 2, 1)), NOW);
        assertEquals(2, store.datapoints(SCOPE, KEY, NOW.minusSeconds(60), NOW, 1, Optional.empty(), NOW).size());
        Instant later = NOW.plus(Duration.ofHours(3)).plusSeconds(60);
        List<Datapoint> rolled = store.datapoints(SCOPE, KEY, NOW.minusSeconds(120), NOW, 1, Optional.empty(), later);
        assertEquals(1, rolled.size(), "both seconds now lie in one minute bucket");
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), rolled.get(0).timestamp());
        assertEquals(3, rolled.get(0).samples().sum());
    }

    @Test
    void dataPastRetentionIsGoneAndOldDataIsRolledIntoHours() {
        MetricStore store = new MetricStore(10, 10_000);
        store.put(SCOPE, List.of(datum(KEY, NOW.plusSeconds(600), 1, 60), datum(KEY, NOW, 2, 60)), NOW);
        Instant seventyDaysOn = NOW.plus(Duration.ofDays(70));
        List<Datapoint> hourly = store.datapoints(SCOPE, KEY, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(3600), 3600, Optional.empty(), seventyDaysOn);
        assertEquals(1, hourly.size());
        assertEquals(Instant.parse("2026-12-07T12:00:00Z"), hourly.get(0).timestamp(), "minute data aged into the hour it lies in");
        assertEquals(3, hourly.get(0).samples().sum());
        Instant pastRetention = NOW.plus(Duration.ofDays(456));
        assertTrue(store.datapoints(SCOPE, KEY, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60), 3600, Optional.empty(), pastRetention).isEmpty());
    }

    @Test
    void theStoreIsBoundedPerScopeAndPerMetric() {
        MetricStore store = new MetricStore(2, 3);
        MetricKey a = new MetricKey("App", "A", List.of());
        MetricKey b = new MetricKey("App", "B", List.of());
        MetricKey c = new MetricKey("App", "C", List.of());
        store.put(SCOPE, List.of(datum(a, NOW, 1, 60)), NOW);
        store.put(SCOPE, List.of(datum(b, NOW, 1, 60)), NOW.plusSeconds(1));
        store.put(SCOPE, List.of(datum(c, NOW, 1, 60)), NOW.plusSeconds(2));
        assertEquals(List.of(b, c), store.list(SCOPE, Optional.empty(), Optional.empty(), List.of(), false, NOW.plusSeconds(2)),
                "the metric that received data longest ago made room");
        for (int minute = 0; minute < 5; minute++) {
            store.put(SCOPE, List.of(datum(c, NOW.minusSeconds(60L * minute), minute, 60)), NOW.plusSeconds(2));
        }
        List<Datapoint> kept = store.datapoints(SCOPE, c, NOW.minusSeconds(3600), NOW.plusSeconds(60), 60, Optional.empty(), NOW.plusSeconds(2));
        assertEquals(3, kept.size(), "the oldest buckets went first");
        assertEquals(Instant.parse("2026-12-07T11:58:00Z"), kept.get(0).timestamp());
    }

    @Test
    void listFiltersByNameDimensionsAndRecentActivity() {
        MetricStore store = new MetricStore(10, 100);
        MetricKey old = new MetricKey("App", "Old", List.of(new Dimension("Service", "b")));
        store.put(SCOPE, List.of(datum(old, NOW, 1, 60)), NOW);
        Instant fourHoursOn = NOW.plus(Duration.ofHours(4));
        store.put(SCOPE, List.of(datum(KEY, fourHoursOn, 1, 60)), fourHoursOn);
        assertEquals(List.of(KEY), store.list(SCOPE, Optional.empty(), Optional.empty(), List.of(), true, fourHoursOn));
        assertEquals(List.of(old), store.list(SCOPE, Optional.empty(), Optional.empty(),
                List.of(new MetricKey.DimensionFilter("Service", Optional.of("b"))), false, fourHoursOn));
        assertEquals(List.of(KEY, old), store.list(SCOPE, Optional.empty(), Optional.empty(),
                List.of(new MetricKey.DimensionFilter("Service", Optional.empty())), false, fourHoursOn));
        assertEquals(List.of(old), store.list(SCOPE, Optional.empty(), Optional.of("Old"), List.of(), false, fourHoursOn));
        assertTrue(store.list(SCOPE, Optional.empty(), Optional.of("Old"), List.of(), false, NOW.plus(Duration.ofDays(15))).isEmpty(),
                "a metric is listed for two weeks after its last data");
    }

    @Test
    void aUnitFilterReadsOnlyThatUnitsData() {
        MetricStore store = new MetricStore(10, 100);
        store.put(SCOPE, List.of(datum(KEY, NOW, 5, 60), new MetricDatum(KEY, NOW, "Seconds", 60, Samples.of(1, 1))), NOW);
        List<Datapoint> seconds = store.datapoints(SCOPE, KEY, NOW.minusSeconds(60), NOW.plusSeconds(60), 60, Optional.of("Seconds"), NOW);
        assertEquals(1, seconds.get(0).samples().sum());
        assertEquals("Seconds", seconds.get(0).unit());
        List<Datapoint> all = store.datapoints(SCOPE, KEY, NOW.minusSeconds(60), NOW.plusSeconds(60), 60, Optional.empty(), NOW);
        assertEquals(6, all.get(0).samples().sum());
        assertEquals("None", all.get(0).unit());
    }
}
