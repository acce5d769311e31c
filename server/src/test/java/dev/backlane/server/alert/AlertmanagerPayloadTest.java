package dev.backlane.server.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.alert.Alert;
import dev.backlane.core.alert.AlertIndicator;
import dev.backlane.core.alert.AlertNotification;
import dev.backlane.core.alert.AlertSeverity;
import dev.backlane.core.alert.AlertState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {
    private static final Instant FIRED = Instant.parse("2026-12-07T12:00:00Z");

    private static Alert alert(String endpoint, AlertState state, Optional<Instant> resolvedAt, String description) {
        return new Alert("EndpointErrorBudgetBurn", AlertSeverity.PAGE, AlertIndicator.M3,
                Map.of("alertname", "EndpointErrorBudgetBurn", "severity", "page", "endpoint", endpoint, "region", "us-east-1", "service", "s3"),
                Map.of("summary", "M3 of " + endpoint, "description", description), state, FIRED.minusSeconds(120), Optional.of(FIRED), resolvedAt);
    }

    @Test
    void fingerprintsAreAlertmanagersFnv1aOverTheSortedLabels() {
        // prometheus/common model (signature_test.go): LabelsToSignature({"name": "garland, briggs", "fear": "love is not enough"}) = 5799056148416392346.
        assertEquals("507a62d79ee76c9a", AlertmanagerPayload.fingerprint(Map.of("name", "garland, briggs", "fear", "love is not enough")));
        assertEquals("cbf29ce484222325", AlertmanagerPayload.fingerprint(Map.of()), "the empty set is FNV's offset basis");
    }

    @Test
    void aGroupIsSentAsAlertmanagersVersion4Webhook() {
        AlertNotification notification = new AlertNotification(AlertSeverity.PAGE, Map.of("region", "us-east-1", "service", "s3"),
                List.of(alert("vpce-a", AlertState.FIRING, Optional.empty(), "burning 20x"),
                        alert("vpce-b", AlertState.RESOLVED, Optional.of(FIRED.plusSeconds(60)), "burning 20x")));
        JsonNode payload = AlertmanagerPayload.of(notification, URI.create("http://127.0.0.1:4577/"));
        assertEquals("4", payload.path("version").asText());
        assertEquals("{}/{severity=\"page\"}:{region=\"us-east-1\", service=\"s3\"}", payload.path("groupKey").asText());
        assertEquals("firing", payload.path("status").asText(), "one alert still fires");
        assertEquals("page", payload.path("receiver").asText());
        assertEquals(0, payload.path("truncatedAlerts").asInt());
        assertEquals("s3", payload.path("groupLabels").path("service").asText());
        assertEquals(2, payload.path("groupLabels").size());
        assertEquals("EndpointErrorBudgetBurn", payload.path("commonLabels").path("alertname").asText());
        assertEquals(false, payload.path("commonLabels").has("endpoint"), "the endpoints differ");
        assertEquals("burning 20x", payload.path("commonAnnotations").path("description").asText());
        assertEquals(false, payload.path("commonAnnotations").has("summary"));
        assertEquals("http://127.0.0.1:4577/", payload.path("externalURL").asText());
        JsonNode firing = payload.path("alerts").get(0);
        assertEquals("firing", firing.path("status").asText());
        assertEquals("2026-12-07T12:00:00Z", firing.path("startsAt").asText());
        assertEquals("0001-01-01T00:00:00Z", firing.path("endsAt").asText());
        assertEquals("http://127.0.0.1:4577/_backlane/sli?window=1h&endpoint=vpce-a", firing.path("generatorURL").asText());
        assertEquals(16, firing.path("fingerprint").asText().length());
        JsonNode resolved = payload.path("alerts").get(1);
        assertEquals("resolved", resolved.path("status").asText());
        assertEquals("2026-12-07T12:01:00Z", resolved.path("endsAt").asText());
    }
}
