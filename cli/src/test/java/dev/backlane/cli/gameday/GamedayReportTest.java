package dev.backlane.cli.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report judged from a made-up record: 20 calls a second, all failing from 4 s to 8 s, served again after. */
class GamedayReportTest {
    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    private static final String FILE = """
            name: made-up
            setup:
              workloads:
                - {name: app, subnet: subnet-0123456789abcdef0}
            traffic:
              - {workload: app, call: sts:GetCallerIdentity, rate: 20}
            hypotheses:
              - {expect: M3 >= 99.9, during: fault}
              - {expect: M3 >= 99.9, during: baseline}
              - {expect: client.success >= 99.9, during: recovery}
              - {expect: M2 >= 99.99}
            steps:
              - wait: 12s
            """;

    @Test
    void hypothesesDetectionRecoveryAndBudgetComeFromTheIntervalsBetweenReadings() {
        JsonNode report = GamedayReport.of(record());
        List<String> statuses = new ArrayList<>();
        report.path("hypotheses").forEach(hypothesis -> statuses.add(hypothesis.path("status").asText()));
        assertEquals(List.of("broken", "held", "held", "unmeasured"), statuses, report.toPrettyString());
        assertEquals(0.0, report.path("hypotheses").get(0).path("value").asDouble());
        assertEquals("broken", report.path("result").asText());

        JsonNode incident = report.path("incidents").get(0);
        assertEquals("M3", incident.path("detectedBy").asText(), incident.toString());
        assertEquals(0.25, incident.path("timeToDetectSeconds").asDouble(), incident.toString());
        assertTrue(incident.path("recovered").asBoolean(), incident.toString());
        assertEquals(0.0, incident.path("timeToRecoverSeconds").asDouble(), incident.toString());

        JsonNode m3 = report.path("slis").get(0);
        assertEquals("M3", m3.path("signal").asText());
        assertEquals(100.0, m3.path("baseline").asDouble());
        assertEquals(0.0, m3.path("fault").asDouble());
        assertEquals(1000.0, m3.path("burnRate").asDouble(), "every call bad where 0.1% may be");
        assertEquals(80, m3.path("badEvents").asLong());
        assertTrue(ReportHtml.render(report).contains("<polyline"));
    }

    private static GamedayRun.Record record() {
        Scenario scenario = ScenarioReader.read("made-up.yaml", FILE);
        List<Sample> samples = new ArrayList<>();
        List<ClientCounters.Call> all = new ArrayList<>();
        long good = 0;
        long total = 0;
        for (int tick = 0; tick <= 48; tick++) {
            Instant at = START.plus(Duration.ofMillis(250L * tick));
            List<ClientCounters.Call> ended = new ArrayList<>();
            if (tick > 0) {
                boolean failing = tick > 16 && tick <= 32;
                for (int call = 0; call < 5; call++) {
                    ended.add(new ClientCounters.Call(at.minusMillis(200 - call * 40L), !failing, 10));
                }
                good += failing ? 0 : 5;
                total += 5;
            }
            all.addAll(ended);
            Map<Signal, long[]> server = new EnumMap<>(Signal.class);
            server.put(Signal.M3, new long[] {good, total});
            server.put(Signal.M6, new long[] {0, total});
            samples.add(new Sample(at, server, new ClientCounters.Reading(total, good, total, 0, 0, ended)));
        }
        Incident incident = new Incident("outage", "F2", START.plusSeconds(4), Optional.of(START.plusSeconds(8)));
        return new GamedayRun.Record(scenario, 1, START, START.plusSeconds(12), samples, List.of(incident),
                Map.of(Signal.M3, ">= 0.999", Signal.M6, "<= 0.01", Signal.M2, ">= 0.9999"), List.of());
    }
}
