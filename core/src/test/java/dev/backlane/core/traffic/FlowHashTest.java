package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowHashTest {
    private final List<String> targets = List.of("10.1.0.10", "10.1.0.11", "10.1.0.12");

    @Test
    void oneFlowAlwaysReachesTheSameTarget() {
        String first = FlowHash.choose(targets, "10.0.1.5", 50000, "10.0.1.20", 443);
        for (int i = 0; i < 10; i++) {
            assertEquals(first, FlowHash.choose(targets, "10.0.1.5", 50000, "10.0.1.20", 443));
        }
    }

    @Test
    void connectionsFromSuccessiveSourcePortsSpreadOverEveryTarget() {
        Map<String, Integer> counts = new HashMap<>();
        for (int port = 40000; port < 43000; port++) {
            counts.merge(FlowHash.choose(targets, "10.0.1.5", port, "10.0.1.20", 443), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(count -> assertTrue(count > 800 && count < 1200, counts.toString()));
    }

    @Test
    void thereMustBeATarget() {
        assertThrows(IllegalArgumentException.class, () -> FlowHash.choose(List.of(), "10.0.1.5", 1, "10.0.1.20", 443));
    }
}
