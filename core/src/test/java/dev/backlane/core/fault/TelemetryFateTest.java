package dev.backlane.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TelemetryFateTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    private final Map<String, EvenShare> shares = new HashMap<>();

    @Test
    void aQuarterLossLosesEveryFourthRecordOfItsKindOnly() {
        Fault quarter = fault("fault-00000000000000001", Optional.of(25), Optional.empty(), Set.of(TelemetryKind.FLOW_LOGS));
        List<Boolean> lost = IntStream.range(0, 8).mapToObj(i -> fate(TelemetryKind.FLOW_LOGS, quarter).lost()).toList();
        assertEquals(List.of(false, false, false, true, false, false, false, true), lost);
        assertEquals(TelemetryFate.DELIVERED, fate(TelemetryKind.METRICS, quarter), "metrics are not the fault's kind");
    }

    @Test
    void aDelayHoldsRecordsBackTheLongestDelayOfTheFaultsCoveringThem() {
        Fault fiveSeconds = fault("fault-00000000000000002", Optional.empty(), Optional.of(Duration.ofSeconds(5)), Set.of());
        Fault thirtySeconds = fault("fault-00000000000000003", Optional.empty(), Optional.of(Duration.ofSeconds(30)), Set.of());
        TelemetryFate fate = TelemetryFate.of(TelemetryKind.QUERY_LOGS, List.of(fiveSeconds, thirtySeconds), this::share);
        assertEquals(new TelemetryFate(false, Duration.ofSeconds(30)), fate);
        assertTrue(!fate.now() && !fate.lost());
        assertTrue(TelemetryFate.of(TelemetryKind.QUERY_LOGS, List.of(), this::share).now());
    }

    @Test
    void evenShareOfNoneNeverPicksAndOfAllAlwaysDoes() {
        EvenShare none = new EvenShare(0);
        EvenShare all = new EvenShare(100);
        assertTrue(IntStream.range(0, 10).noneMatch(i -> none.next()));
        assertTrue(IntStream.range(0, 10).allMatch(i -> all.next()));
    }

    private TelemetryFate fate(TelemetryKind kind, Fault fault) {
        return TelemetryFate.of(kind, List.of(fault), this::share);
    }

    private EvenShare share(Fault fault) {
        return shares.computeIfAbsent(fault.id(), id -> new EvenShare(fault.parameters().percentage().orElse(0)));
    }

    private static Fault fault(String id, Optional<Integer> percentage, Optional<Duration> delay, Set<TelemetryKind> kinds) {
        FaultParameters parameters = new FaultParameters(List.of(), List.of(), percentage, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), delay, kinds);
        return new Fault(id, FaultKind.F8_TELEMETRY_LOSS, FaultScope.everything(), parameters, START, START.plusSeconds(60));
    }
}
