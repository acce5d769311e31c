package dev.backlane.server.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RecentEventsTest {
    private final EventStream events = new EventStream();
    private final RecentEvents recent = new RecentEvents(events, 3);

    private static DnsQueryEvent answer(int second, String name, List<DnsQueryEvent.Answer> answers) {
        return new DnsQueryEvent("111122223333", "us-east-1", "vpc-1", Instant.EPOCH.plusSeconds(second), name, "A", "IN",
                answers.isEmpty() ? "NXDOMAIN" : "NOERROR", answers, "10.0.1.10", 40_000, "UDP", Map.of());
    }

    @Test
    void eachKindKeepsItsNewestEventsOldestFirstAndCountsWhatItLetGo() {
        for (int second = 0; second < 5; second++) {
            events.publish(answer(second, "q" + second + ".example.", List.of()));
        }
        JsonNode dns = recent.answer(RecentEvents.Kind.DNS, 10);
        assertEquals(List.of("q2.example.", "q3.example.", "q4.example."), dns.path("events").findValuesAsText("name"));
        assertEquals(2, dns.path("dropped").asLong());
        assertEquals(3, dns.path("capacity").asInt());
        assertEquals(List.of("q3.example.", "q4.example."), recent.answer(RecentEvents.Kind.DNS, 2).path("events").findValuesAsText("name"));
        assertEquals(0, recent.answer(RecentEvents.Kind.GATEWAY, 10).path("events").size(), "kinds are kept apart");
    }

    @Test
    void dnsAnswersCarryTheirRecordsTtlsAndHowLongClientsMayCacheThem() {
        events.publish(answer(10, "s3.us-east-1.amazonaws.com.", List.of(new DnsQueryEvent.Answer("10.0.1.5", "A", "IN", 60),
                new DnsQueryEvent.Answer("10.0.2.5", "A", "IN", 30))));
        JsonNode event = recent.answer(RecentEvents.Kind.DNS, 1).path("events").get(0);
        assertEquals("1970-01-01T00:00:10Z", event.path("time").asText());
        assertEquals(List.of(60, 30), List.of(event.path("answers").get(0).path("ttl").asInt(), event.path("answers").get(1).path("ttl").asInt()));
        assertEquals("1970-01-01T00:00:40Z", event.path("cachedUntil").asText(), "the shortest TTL bounds the cache");
        assertEquals("vpc-1", event.path("vpcId").asText());
        assertTrue(recent.answer(RecentEvents.Kind.DNS, 1).path("events").get(0).has("client"));
    }

    @Test
    void gatewayRequestsAreKeptWithWhatTheGatewayDid() {
        events.publish(new GatewayRequestEvent("wl-1", "10.0.1.10", 5000, "GET", Optional.empty(), Optional.empty(), Optional.of("vpce-1"),
                Optional.empty(), GatewayRequestEvent.Outcome.UPSTREAM_FAILED, 502, 10, 20, Instant.EPOCH, 2_500_000));
        JsonNode event = recent.answer(RecentEvents.Kind.GATEWAY, 5).path("events").get(0);
        assertEquals("UPSTREAM_FAILED", event.path("outcome").asText());
        assertEquals(502, event.path("status").asInt());
        assertEquals(2.5, event.path("latencyMillis").asDouble());
        assertEquals("vpce-1", event.path("via").asText());
    }

    @Test
    void privateLinkConnectionsThatCountedInPacketsDroppedOrRstPacketsReceivedAreKeptWithTheirWorkloadAndEndpoint() {
        PrivateLinkFlow flow = new PrivateLinkFlow("222222222222", "us-east-1", "wl-1", "vpc-1", "subnet-1", "eni-1", "10.0.1.10", 40000, "vpce-1",
                "eni-2", "10.0.1.20", "use1-az1", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "vpce-svc-1", "111111111111", 443, Optional.empty(),
                Optional.empty(), OptionalInt.empty());
        events.publish(new PrivateLinkConnectionRefusedEvent(flow, Instant.EPOCH, "ENDPOINT_PENDING_ACCEPTANCE", false));
        events.publish(new PrivateLinkConnectionClosedEvent(flow, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 1, 1,
                PrivateLinkConnectionClosedEvent.Cause.CONSUMER_CLOSED));
        events.publish(new PrivateLinkConnectionClosedEvent(flow, Instant.EPOCH, Instant.EPOCH.plusSeconds(2), 1, 0,
                PrivateLinkConnectionClosedEvent.Cause.TARGET_RESET));
        JsonNode kept = recent.answer(RecentEvents.Kind.PRIVATELINK, 5).path("events");
        assertEquals(2, kept.size(), "a connection closed in the ordinary way is not one: " + kept);
        assertEquals("PacketsDropped", kept.get(0).path("metric").asText());
        assertEquals("ENDPOINT_PENDING_ACCEPTANCE", kept.get(0).path("explanationCode").asText());
        assertEquals("vpce-1", kept.get(0).path("via").asText());
        assertEquals("wl-1", kept.get(0).path("workloadId").asText());
        assertEquals("RstPacketsReceived", kept.get(1).path("metric").asText());
        assertEquals("TARGET_RESET", kept.get(1).path("cause").asText());
        assertEquals("1970-01-01T00:00:02Z", kept.get(1).path("time").asText());
    }

    @Test
    void aBadKindOrLimitIsRefusedByName() {
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> RecentEvents.Kind.parse("flows"));
        assertEquals("kind must be one of dns, gateway, fault, endpoint, privatelink, not flows", kind.getMessage());
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class, () -> recent.answer(RecentEvents.Kind.DNS, 0));
        assertTrue(limit.getMessage().startsWith("limit"), limit.getMessage());
    }
}
