package dev.backlane.core.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallErrorGateTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aPercentageThrottlesExactlyThatShareSpreadEvenly() {
        CallErrorGate gate = new CallErrorGate(throttling(Optional.of(25), Optional.empty()));
        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(gate.answers(START));
        }
        assertEquals(List.of(false, false, false, true, false, false, false, true), outcomes);
    }

    @Test
    void everyCallIsThrottledAtOneHundredPercent() {
        CallErrorGate gate = new CallErrorGate(throttling(Optional.of(100), Optional.empty()));
        assertEquals(true, gate.answers(START));
        assertEquals(true, gate.answers(START));
    }

    @Test
    void aRateAdmitsOneSecondOfCallsThenRefillsWithTime() {
        CallErrorGate gate = new CallErrorGate(throttling(Optional.empty(), Optional.of(2.0)));
        assertEquals(false, gate.answers(START));
        assertEquals(false, gate.answers(START));
        assertEquals(true, gate.answers(START), "the third call in the same instant is over 2 per second");
        assertEquals(true, gate.answers(START.plusMillis(400)));
        assertEquals(false, gate.answers(START.plusMillis(600)), "0.6 s refilled more than one call");
    }

    @Test
    void anInternalErrorFaultAnswersItsShareOfCallsAndAPlainFaultIsRefused() {
        CallErrorGate gate = new CallErrorGate(new Fault("fault-2", FaultKind.API_INTERNAL_ERROR, new FaultScope(Map.of()),
                new FaultParameters(List.of(), List.of(), Optional.of(50), Optional.empty()), START, START.plusSeconds(60)));
        assertEquals(List.of(false, true, false, true), List.of(gate.answers(START), gate.answers(START), gate.answers(START), gate.answers(START)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CallErrorGate(new Fault("fault-3",
                FaultKind.F2_SECURITY_GROUP_DROP, new FaultScope(Map.of()), FaultParameters.none(), START, START.plusSeconds(60))));
    }

    private static Fault throttling(Optional<Integer> percentage, Optional<Double> rate) {
        return new Fault("fault-1", FaultKind.F7_THROTTLING, new FaultScope(Map.of()),
                new FaultParameters(List.of(), List.of(), percentage, rate), START, START.plusSeconds(60));
    }
}
