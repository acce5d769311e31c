package dev.backlane.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AlertSettings parse(String json) throws Exception {
        return AlertSettings.standard().overriddenBy(JSON.readTree(json));
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void theShippedRulesAreTheWorkbooksBurnRatesAndTheGuidesBaseline() {
        AlertSettings standard = AlertSettings.standard();
        assertEquals(Duration.ofSeconds(30), standard.evaluationInterval());
        List<AlertRule> errors = standard.rules().stream().filter(rule -> rule.indicator() == AlertIndicator.M3).toList();
        assertEquals(List.of(new BurnRateCondition(14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRateCondition(6, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRateCondition(3, Duration.ofDays(1), Duration.ofHours(2)),
                new BurnRateCondition(1, Duration.ofDays(3), Duration.ofHours(6))), errors.stream().map(AlertRule::condition).toList());
        assertEquals(List.of(AlertSeverity.PAGE, AlertSeverity.PAGE, AlertSeverity.TICKET, AlertSeverity.TICKET),
                errors.stream().map(AlertRule::severity).toList());
        AlertRule latency = standard.rules().stream().filter(rule -> rule.indicator() == AlertIndicator.M4).findFirst().orElseThrow();
        assertEquals(new BaselineCondition(2, Duration.ofHours(1), Duration.ofDays(1)), latency.condition());
        assertEquals(AlertSeverity.TICKET, latency.severity());
    }

    @Test
    void anSloFileReplacesTheRulesAndAddsWebhooks() throws Exception {
        AlertSettings settings = parse("""
                {"evaluationInterval": "10s", "webhooks": ["http://127.0.0.1:9/hook"], "rules": [
                  {"alert": "Mine", "indicator": "M8", "severity": "ticket", "burnRate": 2, "longWindow": "1h", "shortWindow": "5m",
                   "for": "1m", "keepFiringFor": "5m"}]}""");
        assertEquals(1, settings.rules().size());
        assertEquals(Duration.ofMinutes(5), settings.rules().get(0).keepFiringFor());
        assertEquals(Duration.ofSeconds(10), settings.evaluationInterval());
        assertEquals(List.of(URI.create("http://127.0.0.1:9/hook"), URI.create("http://127.0.0.1:10/x")),
                settings.withWebhooks(List.of(URI.create("http://127.0.0.1:10/x"))).webhooks());
    }

    @Test
    void badDefinitionsAreRefusedWithTheFieldNamed() {
        assertEquals("alerts.rules[0].shortWindow must be shorter than longWindow (5m)",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"page\", \"burnRate\": 14.4, \"longWindow\": \"5m\", "
                        + "\"shortWindow\": \"1h\"}]}"));
        assertEquals("alerts.rules[0].severity must be one of page, ticket, not critical",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"critical\", \"burnRate\": 1, \"longWindow\": \"1h\", "
                        + "\"shortWindow\": \"5m\"}]}"));
        assertEquals("alerts.rules[0].burnRate must be a number above 0",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"page\", \"burnRate\": -1, \"longWindow\": \"1h\", "
                        + "\"shortWindow\": \"5m\"}]}"));
        assertEquals("alerts.rules[0].longWindow must be a duration such as 30s, 5m, 1h or 3d, not an hour",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"page\", \"burnRate\": 1, \"longWindow\": \"an hour\", "
                        + "\"shortWindow\": \"5m\"}]}"));
        assertEquals("alerts.rules[0].burnRate: M4 has no error budget; use overBaseline",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M4\", \"severity\": \"page\", \"burnRate\": 1, \"longWindow\": \"1h\", "
                        + "\"shortWindow\": \"5m\"}]}"));
        assertEquals("alerts.rules[0] must have either burnRate (with longWindow and shortWindow) or overBaseline (with window), not neither",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"page\"}]}"));
        assertEquals("unknown field alerts.rules[0].threshold; the fields are alert, baseline, burnRate, for, indicator, keepFiringFor, longWindow, "
                + "overBaseline, severity, shortWindow, window", refusal("{\"rules\": [{\"threshold\": 3}]}"));
        assertEquals("alerts.webhooks[0] must be an http or https URL with a host, not ftp://x/y", refusal("{\"webhooks\": [\"ftp://x/y\"]}"));
        assertEquals("alerts.evaluationInterval must be longer than 0", refusal("{\"evaluationInterval\": \"0s\"}"));
        assertEquals("alerts.rules[1].indicator must be M3 as in the other rules of the alert A: one alert reads one SLI",
                refusal("{\"rules\": [{\"alert\": \"A\", \"indicator\": \"M3\", \"severity\": \"page\", \"burnRate\": 1, \"longWindow\": \"1h\", "
                        + "\"shortWindow\": \"5m\"}, {\"alert\": \"A\", \"indicator\": \"M1\", \"severity\": \"page\", \"burnRate\": 1, "
                        + "\"longWindow\": \"1h\", \"shortWindow\": \"5m\"}]}"));
    }
}
