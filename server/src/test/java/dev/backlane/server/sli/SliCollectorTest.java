package dev.backlane.server.sli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliReport;
import dev.backlane.core.sli.SloTargets;
import dev.backlane.server.observe.DataPlaneMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliCollectorTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void eachKeysIndicatorsAreSeriesLabelledWithTheKeyAndWindow() throws IOException {
        SliBook book = new SliBook(100);
        List<SliKey> keys = List.of(SliKey.ALL, SliKey.endpoint("vpce-1"), new SliKey(SliKey.Kind.ZONE, "use1-az1"),
                new SliKey(SliKey.Kind.WORKLOAD, "wl-1"), new SliKey(SliKey.Kind.SERVICE, "s3"));
        for (int i = 0; i < 3; i++) {
            book.request(NOW.minusSeconds(30), keys, 200, 2_000_000, 1_000);
        }
        book.request(NOW.minusSeconds(30), keys, 503, 9_000_000, 10);
        book.probe(NOW.minusSeconds(20), keys, true);
        DataPlaneMetrics metrics = new DataPlaneMetrics();
        metrics.register(new SliCollector(window -> book.keys().stream()
                .map(key -> book.reportOrEmpty(key, window, NOW, SloTargets.standard(), ignored -> SliReport.EndpointFacts.NONE)).toList()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.write(out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("backlane_sli{endpoint=\"vpce-1\",indicator=\"M3\",unit=\"ratio\",window=\"5m\"} 0.75"), text);
        assertTrue(text.contains("backlane_sli{indicator=\"M3\",unit=\"ratio\",window=\"1h\",zone=\"use1-az1\"} 0.75"), text);
        assertTrue(text.contains("backlane_sli{indicator=\"M5\",service=\"s3\",unit=\"bytes\",window=\"5m\"} 3010.0"), text);
        assertTrue(text.contains("backlane_sli{indicator=\"M1\",unit=\"ratio\",window=\"5m\",workload=\"wl-1\"} 1.0"), text);
        assertTrue(text.contains("backlane_sli{indicator=\"M3\",unit=\"ratio\",window=\"5m\"} 0.75"), "the whole has no key label: " + text);
        assertTrue(text.contains("backlane_sli_objective_met{endpoint=\"vpce-1\",indicator=\"M3\",window=\"5m\"} 0.0"), text);
        assertTrue(text.contains("backlane_sli_objective_met{endpoint=\"vpce-1\",indicator=\"M1\",window=\"5m\"} 1.0"), text);
        assertFalse(text.contains("indicator=\"M2\""), "no DNS answer was measured for M2, so it has no series: " + text);
    }
}
