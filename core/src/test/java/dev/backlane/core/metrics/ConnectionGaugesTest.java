package dev.backlane.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionGaugesTest {
    private static final long MINUTE = Instant.parse("2026-12-07T12:00:00Z").getEpochSecond();

    @Test
    void aWindowGetsTheTimeWeightedAverageAndTheFewestAndMostOpen() {
        ConnectionGauges<String> gauges = new ConnectionGauges<>();
        ConnectionGauges.Window first = new ConnectionGauges.Window();
        gauges.change("nat-1", first, MINUTE, Instant.ofEpochSecond(MINUTE + 15), +1);
        gauges.change("nat-1", first, MINUTE, Instant.ofEpochSecond(MINUTE + 30), +1);
        gauges.carry("nat-1", first, MINUTE, MINUTE + 60);
        Samples statistics = first.statistics(60);
        // One open from :15 to :30, two from :30 to :60: 75 connection-seconds over 60.
        assertEquals(75.0 / 60, statistics.sum(), 1e-9);
        assertEquals(0, statistics.minimum());
        assertEquals(2, statistics.maximum());
        assertEquals(List.of("nat-1"), gauges.openKeys());

        ConnectionGauges.Window second = new ConnectionGauges.Window();
        gauges.change("nat-1", second, MINUTE + 60, Instant.ofEpochSecond(MINUTE + 90), -2);
        gauges.carry("nat-1", second, MINUTE + 60, MINUTE + 120);
        assertEquals(1.0, second.statistics(60).sum(), 1e-9, "two open for the first 30 s");
        gauges.forgetClosed();
        assertTrue(gauges.isEmpty());
    }
}
