package dev.backlane.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostAnomalyTest {
    @Test
    void anHourOverTwiceTheBaselineIsASpike() {
        long[] hours = {20_000_000, 20_000_000, 20_000_000, 50_000_000};
        CostAnomaly.Signal signal = CostAnomaly.detect("vpce-1", hours).orElseThrow();
        assertEquals(50_000_000, signal.lastHourBytes());
        assertEquals(2.5, signal.ratio(), 1e-9);
    }

    @Test
    void twiceOrLessSmallHoursAndNoBaselineAreNot() {
        assertTrue(CostAnomaly.detect("vpce-1", new long[] {20_000_000, 40_000_000}).isEmpty(), "exactly twice");
        assertTrue(CostAnomaly.detect("vpce-1", new long[] {0, 9_000_000}).isEmpty(), "under the floor");
        assertTrue(CostAnomaly.detect("vpce-1", new long[] {50_000_000}).isEmpty(), "no baseline hour");
        assertTrue(CostAnomaly.detect("vpce-1", new long[] {0, 0, 11_000_000}).isPresent(), "from nothing to over the floor");
    }
}
