package dev.backlane.core.sli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.Statistic;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliMetricDataTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void indicatorsWithAValueBecomeDataNamedForThemWithTheKeyAsDimension() {
        SliBook book = new SliBook(100);
        List<SliKey> keys = List.of(SliKey.ALL, SliKey.endpoint("vpce-1"), new SliKey(SliKey.Kind.WORKLOAD, "wl-1"));
        book.request(NOW.minusSeconds(10), keys, 200, 5_000_000, 300);
        book.request(NOW.minusSeconds(10), keys, 500, 5_000_000, 100);
        List<SliReport> reports = book.keys().stream()
                .map(key -> book.reportOrEmpty(key, SliWindow.FIVE_MINUTES, NOW, SloTargets.standard(), ignored -> SliReport.EndpointFacts.NONE)).toList();
        List<MetricDatum> data = SliMetricData.of(reports, NOW, 10);
        MetricDatum success = data.stream().filter(datum -> datum.key().metricName().equals("M3")
                && datum.key().dimensions().equals(List.of(new Dimension("Endpoint", "vpce-1")))).findFirst().orElseThrow();
        assertEquals("Backlane/SLI", success.key().namespace());
        assertEquals(0.5, success.samples().value(Statistic.of("Average").orElseThrow()).orElseThrow());
        MetricDatum bytes = data.stream().filter(datum -> datum.key().metricName().equals("M5") && datum.key().dimensions().isEmpty()).findFirst()
                .orElseThrow();
        assertEquals("Bytes", bytes.unit());
        assertEquals(List.of(new Dimension("Workload", "wl-1")), data.stream().filter(datum -> datum.key().metricName().equals("M3"))
                .map(datum -> datum.key().dimensions()).filter(dimensions -> !dimensions.isEmpty() && dimensions.get(0).name().equals("Workload"))
                .findFirst().orElseThrow());
        assertEquals(0, data.stream().filter(datum -> datum.key().metricName().equals("M2")).count(), "no DNS answer, no M2");
        assertEquals(List.of(List.<Dimension>of()), SliMetricData.of(reports, NOW, 1).stream().map(datum -> datum.key().dimensions()).distinct()
                .toList(), "one key published: the whole");
    }
}
