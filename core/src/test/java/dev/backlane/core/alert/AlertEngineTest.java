package dev.backlane.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SloTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    private static final AlertSubject S3_A = subject("vpce-a", "us-east-1", "s3");
    private static final AlertSubject S3_B = subject("vpce-b", "us-east-1", "s3");
    private static final AlertSubject STS = subject("vpce-c", "us-east-1", "sts");

    private final SliBook book = new SliBook(100);
    private final SloTargets slo = SloTargets.standard();

    private static AlertSubject subject(String endpoint, String region, String service) {
        return new AlertSubject(SliKey.endpoint(endpoint), Map.of("endpoint", endpoint, "region", region, "service", service));
    }

    /** {@code good} 200s and {@code bad} 503s through {@code subject} in the minute ending at {@code at}. */
    private void traffic(AlertSubject subject, Instant at, int good, int bad) {
        for (int i = 0; i < good; i++) {
            book.request(at, List.of(subject.key()), 200, 1_000_000, 10);
        }
        for (int i = 0; i < bad; i++) {
            book.request(at, List.of(subject.key()), 503, 1_000_000, 10);
        }
    }

    private static AlertRule fastBurn(Duration forDuration) {
        return new AlertRule("EndpointErrorBudgetBurn", AlertIndicator.M3, AlertSeverity.PAGE,
                new BurnRateCondition(14.4, Duration.ofHours(1), Duration.ofMinutes(5)), forDuration, Duration.ZERO);
    }

    @Test
    void burnRateIsTheErrorRatioOverTheBudget() {
        assertEquals(14.4, BurnRateCondition.burnRate(0.0144, 0.001), 1e-9);
        assertEquals(1.0, BurnRateCondition.burnRate(0.01, 0.01), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, BurnRateCondition.burnRate(0.5, 0));
        assertEquals(0.0, BurnRateCondition.burnRate(0, 0));
    }

    @Test
    void burnRateMustExceedTheFactorOverBothWindows() {
        BurnRateCondition condition = new BurnRateCondition(14.4, Duration.ofHours(1), Duration.ofMinutes(5));
        // 50 minutes ago: 2% errors (burn 20) in the hour; the last five minutes clean.
        traffic(S3_A, START.minus(Duration.ofMinutes(50)), 980, 20);
        traffic(S3_A, START, 1000, 0);
        AlertCondition.Reading reading = condition.read(AlertIndicator.M3, new WindowCounts(book, START), S3_A.key(), slo, 1);
        assertEquals(false, reading.holds(), "the short window shows it over: " + reading.description());
        // Now 3% errors in the last minute too: the hour burns at 25 / 2000 / 0.001 = 12.5x, under 14.4.
        traffic(S3_A, START, 0, 30);
        reading = condition.read(AlertIndicator.M3, new WindowCounts(book, START), S3_A.key(), slo, 1);
        assertTrue(reading.description().contains("M3 error budget (0.001) burning 24.6x over 1h and 29.1x over 5m (threshold 14.4x)"),
                reading.description());
        assertTrue(reading.holds());
    }

    @Test
    void anAlertIsPendingForItsForDurationThenFiresOnceThenResolves() {
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ofMinutes(2))), 1);
        traffic(S3_A, START, 900, 100);
        assertEquals(List.of(), engine.evaluate(START, book, slo, List.of(S3_A)), "pending is not notified");
        assertEquals(AlertState.PENDING, engine.active().get(0).state());
        assertEquals(List.of(), engine.evaluate(START.plusSeconds(60), book, slo, List.of(S3_A)));

        List<AlertNotification> fired = engine.evaluate(START.plusSeconds(120), book, slo, List.of(S3_A));
        assertEquals(1, fired.size());
        Alert alert = fired.get(0).alerts().get(0);
        assertEquals(AlertState.FIRING, alert.state());
        assertEquals(START, alert.activeAt());
        assertEquals(Optional.of(START.plusSeconds(120)), alert.firedAt());
        assertEquals("vpce-a", alert.labels().get("endpoint"));
        assertEquals("page", alert.labels().get("severity"));
        assertEquals("EndpointErrorBudgetBurn", alert.labels().get("alertname"));
        assertEquals(List.of(), engine.evaluate(START.plusSeconds(150), book, slo, List.of(S3_A)), "firing is told once");

        // The errors leave the 5-minute window: the short window resets the alert.
        traffic(S3_A, START.plus(Duration.ofMinutes(6)), 1000, 0);
        List<AlertNotification> resolved = engine.evaluate(START.plus(Duration.ofMinutes(6)), book, slo, List.of(S3_A));
        assertEquals(AlertState.RESOLVED, resolved.get(0).status());
        assertEquals(Optional.of(START.plus(Duration.ofMinutes(6))), resolved.get(0).alerts().get(0).resolvedAt());
        assertEquals(List.of(), engine.active());
        assertEquals(1, engine.recentlyResolved().size());
    }

    @Test
    void aBlipShorterThanForNeverFires() {
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ofMinutes(2))), 1);
        traffic(S3_A, START, 900, 100);
        engine.evaluate(START, book, slo, List.of(S3_A));
        traffic(S3_A, START.plus(Duration.ofMinutes(6)), 1000, 0);
        assertEquals(List.of(), engine.evaluate(START.plus(Duration.ofMinutes(6)), book, slo, List.of(S3_A)));
        assertEquals(List.of(), engine.active(), "the pending alert went away unnoticed");
        // It comes back: pending starts again from then, not from the first blip.
        traffic(S3_A, START.plus(Duration.ofMinutes(7)), 0, 500);
        engine.evaluate(START.plus(Duration.ofMinutes(7)), book, slo, List.of(S3_A));
        assertEquals(START.plus(Duration.ofMinutes(7)), engine.active().get(0).activeAt());
    }

    @Test
    void keepFiringForHoldsAFlappingAlertInsteadOfResolvingAndFiringAgain() {
        AlertRule rule = new AlertRule("EndpointErrorBudgetBurn", AlertIndicator.M3, AlertSeverity.PAGE,
                new BurnRateCondition(14.4, Duration.ofHours(1), Duration.ofMinutes(5)), Duration.ZERO, Duration.ofMinutes(10));
        AlertEngine engine = new AlertEngine(List.of(rule), 1);
        traffic(S3_A, START, 900, 100);
        assertEquals(1, engine.evaluate(START, book, slo, List.of(S3_A)).size());
        traffic(S3_A, START.plus(Duration.ofMinutes(6)), 10_000, 0);
        assertEquals(List.of(), engine.evaluate(START.plus(Duration.ofMinutes(6)), book, slo, List.of(S3_A)), "kept firing");
        traffic(S3_A, START.plus(Duration.ofMinutes(8)), 0, 2000);
        assertEquals(List.of(), engine.evaluate(START.plus(Duration.ofMinutes(8)), book, slo, List.of(S3_A)), "still the same alert");
        assertEquals(START.plus(Duration.ofMinutes(0)), engine.active().get(0).firedAt().orElseThrow());
        traffic(S3_A, START.plus(Duration.ofMinutes(14)), 100_000, 0);
        assertEquals(List.of(), engine.evaluate(START.plus(Duration.ofMinutes(14)), book, slo, List.of(S3_A)), "held 6 minutes ago: kept");
        assertEquals(AlertState.RESOLVED, engine.evaluate(START.plus(Duration.ofMinutes(18)), book, slo, List.of(S3_A)).get(0).status());
    }

    @Test
    void rulesOfOneAlertMakeOneAlertPerEndpoint() {
        AlertRule slow = new AlertRule("EndpointErrorBudgetBurn", AlertIndicator.M3, AlertSeverity.PAGE,
                new BurnRateCondition(6, Duration.ofHours(6), Duration.ofMinutes(30)), Duration.ZERO, Duration.ZERO);
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ZERO), slow), 1);
        traffic(S3_A, START, 900, 100);
        List<AlertNotification> notifications = engine.evaluate(START, book, slo, List.of(S3_A));
        assertEquals(1, notifications.size());
        assertEquals(1, notifications.get(0).alerts().size(), "both rules hold; one alert");
        String description = notifications.get(0).alerts().get(0).annotations().get("description");
        assertTrue(description.contains("over 1h") && description.contains("over 6h"), description);
        assertEquals(1, engine.active().size());
    }

    @Test
    void alertsAreGroupedByRegionAndServiceAndTheGroupRepeatsItsFiringAlerts() {
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ZERO)), 1);
        traffic(S3_A, START, 900, 100);
        traffic(STS, START, 900, 100);
        List<AlertNotification> first = engine.evaluate(START, book, slo, List.of(S3_A, S3_B, STS));
        assertEquals(2, first.size(), "one per service");
        assertEquals(Map.of("region", "us-east-1", "service", "s3"), first.get(0).groupLabels());
        assertEquals(Map.of("region", "us-east-1", "service", "sts"), first.get(1).groupLabels());

        traffic(S3_B, START.plusSeconds(30), 900, 100);
        List<AlertNotification> second = engine.evaluate(START.plusSeconds(30), book, slo, List.of(S3_A, S3_B, STS));
        assertEquals(1, second.size(), "only the s3 group changed");
        assertEquals(List.of("vpce-a", "vpce-b"), second.get(0).alerts().stream().map(alert -> alert.labels().get("endpoint")).toList());
    }

    @Test
    void aDeletedEndpointsAlertResolves() {
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ZERO)), 1);
        traffic(S3_A, START, 900, 100);
        engine.evaluate(START, book, slo, List.of(S3_A));
        List<AlertNotification> gone = engine.evaluate(START.plusSeconds(30), book, slo, List.of());
        assertEquals(AlertState.RESOLVED, gone.get(0).status());
    }

    @Test
    void latencyTwiceItsBaselineRaisesATicket() {
        AlertRule rule = new AlertRule("EndpointLatencyOverBaseline", AlertIndicator.M4, AlertSeverity.TICKET,
                new BaselineCondition(2, Duration.ofHours(1), Duration.ofDays(1)), Duration.ZERO, Duration.ZERO);
        AlertEngine engine = new AlertEngine(List.of(rule), 1);
        for (int i = 0; i < 1000; i++) {
            book.request(START.minus(Duration.ofHours(5)), List.of(S3_A.key()), 200, 10_000_000, 0);
        }
        book.request(START.minus(Duration.ofHours(25)), List.of(S3_A.key()), 200, 10_000_000, 0);
        assertEquals(List.of(), engine.evaluate(START.minus(Duration.ofHours(2)), book, slo, List.of(S3_A)), "seen for 23 hours: no baseline yet");
        for (int i = 0; i < 50; i++) {
            book.request(START, List.of(S3_A.key()), 200, 15_000_000, 0);
        }
        assertEquals(List.of(), engine.evaluate(START, book, slo, List.of(S3_A)), "1.5x is under 2x");
        for (int i = 0; i < 50; i++) {
            book.request(START, List.of(S3_A.key()), 200, 50_000_000, 0);
        }
        List<AlertNotification> ticket = engine.evaluate(START, book, slo, List.of(S3_A));
        assertEquals(AlertSeverity.TICKET, ticket.get(0).severity());
        assertTrue(ticket.get(0).alerts().get(0).annotations().get("description").startsWith("M4 at "), ticket.toString());
    }

    @Test
    void aShortClockScalesWindowsAndFor() {
        SliBook fast = new SliBook(100, Duration.ofMillis(500));
        AlertEngine engine = new AlertEngine(List.of(fastBurn(Duration.ofMinutes(2))), 120);
        for (int i = 0; i < 100; i++) {
            fast.request(START, List.of(S3_A.key()), 503, 1_000_000, 10);
        }
        engine.evaluate(START, fast, slo, List.of(S3_A));
        assertEquals(List.of(), engine.evaluate(START.plusMillis(999), fast, slo, List.of(S3_A)), "for is 2m / 120 = 1s");
        List<AlertNotification> fired = engine.evaluate(START.plusSeconds(1), fast, slo, List.of(S3_A));
        assertEquals(AlertState.FIRING, fired.get(0).status());
        assertTrue(fired.get(0).alerts().get(0).annotations().get("description").contains("over 1h and"), "windows are named unscaled");
        // The 5-minute window is 2.5 s: three seconds on, it is clean and the alert resolves.
        assertEquals(AlertState.RESOLVED, engine.evaluate(START.plusSeconds(4), fast, slo, List.of(S3_A)).get(0).status());
    }
}
