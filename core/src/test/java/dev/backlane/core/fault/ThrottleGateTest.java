package dev.backlane.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleGateTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aPercentageThrottlesExactlyThatShareSpreadEvenly() {
        ThrottleGate gate = new ThrottleGate(throttling(Optional.of(25), Optional.empty()));
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(gate.throttles(START));
        }
        assertEquals(List.of(false, false, false, true, false, false, false, true), outcomes);
    }

    @Test
    void everyCallIsThrottledAtOneHundredPercent() {
        ThrottleGate gate = new ThrottleGate(throttling(Optional.of(100), Optional.empty()));
        assertEquals(true, gate.throttles(START));
        assertEquals(true, gate.throttles(START));
    }

    @Test
    void aRateAdmitsOneSecondOfCallsThenRefillsWithTime() {
        ThrottleGate gate = new ThrottleGate(throttling(Optional.empty(), Optional.of(2.0)));
        assertEquals(false, gate.throttles(START));
        assertEquals(false, gate.throttles(START));
        assertEquals(true, gate.throttles(START), "the third call in the same instant is over 2 per second");
        assertEquals(true, gate.throttles(START.plusMillis(400)));
        assertEquals(false, gate.throttles(START.plusMillis(600)), "0.6 s refilled more than one call");
    }

    private static Fault throttling(Optional<Integer> percentage, Optional<Double> rate) {
        return new Fault("fault-1", FaultKind.F7_THROTTLING, new FaultScope(Map.of()),
                new FaultParameters(List.of(), List.of(), percentage, rate), START, START.plusSeconds(60));
    }
}
