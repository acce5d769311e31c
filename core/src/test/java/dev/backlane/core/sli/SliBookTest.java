package dev.backlane.core.sli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SliBookTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:30Z");
    private static final SliKey ENDPOINT = SliKey.endpoint("vpce-1");
    private static final SliKey SERVICE = new SliKey(SliKey.Kind.SERVICE, "s3");

    private final SliBook book = new SliBook(100);
    private final SloTargets slo = SloTargets.standard();

    @Test
    void successErrorsAndThrottlesAreCountedApartInTheWindow() {
        for (int i = 0; i < 996; i++) {
            book.request(NOW.minusSeconds(30), List.of(ENDPOINT, SERVICE), 200, 1_000_000, 100);
        }
        book.request(NOW, List.of(ENDPOINT), 403, 1_000_000, 100);
        book.request(NOW, List.of(ENDPOINT), 429, 1_000_000, 100);
        book.request(NOW, List.of(ENDPOINT), 503, 1_000_000, 100);
        book.request(NOW, List.of(ENDPOINT), 0, 1_000_000, 100);
        // An hour ago: outside the 5-minute window, inside the hour's.
        book.request(NOW.minus(Duration.ofMinutes(50)), List.of(ENDPOINT), 500, 1_000_000, 100);

        SliReport fiveMinutes = report(ENDPOINT, SliWindow.FIVE_MINUTES);
        assertEquals(0.996, fiveMinutes.indicator("M3").value().getAsDouble(), 1e-9);
        assertEquals(Optional.of(false), fiveMinutes.indicator("M3").met(), "0.996 is under the 99.9% SLO");
        assertEquals(0.001, fiveMinutes.indicator("M6").value().getAsDouble(), 1e-9, "only the 403: 429 is apart");
        assertTrue(fiveMinutes.indicator("M6").basis().contains("1 throttled (429), 1 5xx, 1 unanswered"), fiveMinutes.indicator("M6").basis());
        assertEquals(100_000.0, fiveMinutes.indicator("M5").value().getAsDouble());
        assertEquals(1L, fiveMinutes.statuses().get(429));
        assertTrue(report(ENDPOINT, SliWindow.ONE_HOUR).indicator("M3").basis().startsWith("996 of 1001 "), "the 500 of 50 minutes ago counts in the hour");
        assertEquals(1.0, report(SERVICE, SliWindow.FIVE_MINUTES).indicator("M3").value().getAsDouble(), "the service key got only the 200s");
    }

    @Test
    void latencyPercentilesAreWithinABucketAndComparedWithTheDayBefore() {
        for (int i = 1; i <= 100; i++) {
            book.request(NOW.minus(Duration.ofHours(3)), List.of(ENDPOINT), 200, 10_000_000, 0);
            book.request(NOW, List.of(ENDPOINT), 200, i * 1_000_000L, 0);
        }
        Indicator latency = report(ENDPOINT, SliWindow.FIVE_MINUTES).indicator("M4");
        assertEquals(95.0, latency.value().getAsDouble(), 95.0 * 0.05, latency.basis());
        // Baseline: the day's p95 (half 10 ms, half 1..100 ms) is ~90 ms, so 95 ms is within baseline + 30 ms.
        assertEquals(Optional.of(true), latency.met(), latency.basis());
    }

    @Test
    void dnsProbesRejectsAndTelemetryMakeTheirRatios() {
        book.dns(NOW, List.of(new SliKey(SliKey.Kind.VPC, "vpc-1")), true);
        book.dns(NOW, List.of(new SliKey(SliKey.Kind.VPC, "vpc-1")), false);
        book.probe(NOW, List.of(ENDPOINT), true);
        book.probe(NOW, List.of(ENDPOINT), false);
        book.request(NOW, List.of(ENDPOINT), 0, 1000, 0, true);
        book.request(NOW, List.of(ENDPOINT), 200, 1000, 0);
        book.telemetry(NOW, "flow-logs", 200, 199);
        assertEquals(0.5, report(new SliKey(SliKey.Kind.VPC, "vpc-1"), SliWindow.FIVE_MINUTES).indicator("M2").value().getAsDouble());
        SliReport endpoint = report(ENDPOINT, SliWindow.FIVE_MINUTES);
        assertEquals(0.5, endpoint.indicator("M1").value().getAsDouble());
        assertEquals(0.5, endpoint.indicator("M8").value().getAsDouble(), "one of two flows rejected");
        assertEquals(0.995, report(new SliKey(SliKey.Kind.SINK, "flow-logs"), SliWindow.FIVE_MINUTES).indicator("M9").value().getAsDouble());
        assertEquals(Optional.of(true), report(new SliKey(SliKey.Kind.SINK, "flow-logs"), SliWindow.FIVE_MINUTES).indicator("M9").met());
        assertTrue(endpoint.indicator("M7").value().isEmpty());
    }

    @Test
    void endpointFactsGiveM7AndM10AndTheKeyLimitHolds() {
        book.request(NOW, List.of(ENDPOINT), 200, 1000, 0);
        SliReport report = book.report(ENDPOINT, SliWindow.ONE_HOUR, NOW, slo,
                key -> new SliReport.EndpointFacts(Optional.of(Duration.ofSeconds(90)), OptionalDouble.of(0.156))).orElseThrow();
        assertEquals(90.0, report.indicator("M7").value().getAsDouble());
        assertEquals(Optional.of(true), report.indicator("M7").met(), "under the 5-minute SLO");
        assertEquals(0.156, report.indicator("M10").value().getAsDouble());

        SliKey zone = new SliKey(SliKey.Kind.ZONE, "use1-az1");
        SliBook small = new SliBook(3);
        small.request(NOW.minusSeconds(120), List.of(ENDPOINT), 200, 1000, 0);
        small.request(NOW.minusSeconds(60), List.of(SERVICE), 200, 1000, 0);
        small.request(NOW.minusSeconds(30), List.of(ENDPOINT), 200, 1000, 0);
        assertEquals(0, small.evicted());
        small.request(NOW, List.of(zone), 503, 1000, 0);
        assertEquals(List.of(SliKey.ALL, ENDPOINT, SERVICE, zone).stream().filter(key -> !key.equals(SERVICE)).sorted().toList(), small.keys(),
                "the least recently active key made room");
        assertEquals(1, small.evicted());
        assertEquals(4, small.counters(SliKey.ALL, Duration.ofMinutes(5), NOW).orElseThrow().requests(), "all still counts every fact");
    }

    @Test
    void anSloFileOverridesTheGuidesTargetsAndBadOnesAreRefused() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SloTargets stricter = slo.overriddenBy(json.readTree("{\"successRate\": 0.9999, \"costPerGb\": 0.02}"));
        assertEquals(0.9999, stricter.successRate().getAsDouble());
        assertEquals(0.999, stricter.availability().getAsDouble(), "the others stay the guide's");
        assertEquals(0.02, stricter.costPerGb().getAsDouble());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> slo.overriddenBy(json.readTree("{\"succesRate\": 1}"))).getMessage()
                .contains("unknown SLO succesRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> slo.overriddenBy(json.readTree("{\"successRate\": 99.9}"))).getMessage()
                .contains("at most 1"));
    }

    private SliReport report(SliKey key, SliWindow window) {
        return book.report(key, window, NOW, slo, ignored -> SliReport.EndpointFacts.NONE).orElseThrow();
    }

    @Test
    void keysResolvedOnceStillCountAfterTheBookEvictedOneOfThem() {
        SliBook small = new SliBook(3);
        SliBook.Keys resolved = small.resolve(List.of(ENDPOINT));
        small.request(NOW, resolved, 200, 1_000_000, 10, false);
        small.request(NOW.plusSeconds(1), List.of(SERVICE), 200, 1_000_000, 10);
        small.request(NOW.plusSeconds(2), List.of(new SliKey(SliKey.Kind.VPC, "vpc-1")), 200, 1_000_000, 10);
        assertEquals(Optional.empty(), small.counters(ENDPOINT, Duration.ofHours(1), NOW.plusSeconds(3)), "the least recently active key went");
        small.request(NOW.plusSeconds(3), resolved, 503, 1_000_000, 10, false);
        assertEquals(1, small.counters(ENDPOINT, Duration.ofHours(1), NOW.plusSeconds(4)).orElseThrow().requests(), "its series again, new");
        assertEquals(Optional.empty(), small.counters(SERVICE, Duration.ofHours(1), NOW.plusSeconds(4)), "evicted for it");
        assertEquals(4, small.counters(SliKey.ALL, Duration.ofHours(1), NOW.plusSeconds(4)).orElseThrow().requests());
    }
}
