package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests the gateway answers itself: the decider's responses, the three ways of blocking, and a decider that throws. */
class GatewayAnswersTest {
    private final EventStream events = new EventStream();
    private final List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
    private Gateways gateways;

    GatewayAnswersTest() {
        events.subscribe(GatewayRequestEvent.class, requests::add);
    }

    @AfterEach
    void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private InetSocketAddress open(BlockedTraffic mode, GatewayDecider decider) {
        gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(Instant.EPOCH)).withBlockedTraffic(mode)
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(3)));
        return gateways.open("w-1", decider);
    }

    @Test
    void respondWritesTheDecidersAnswerAndKeepsTheConnection() throws IOException {
        byte[] denial = "<Error><Code>AccessDenied</Code><Message>explicit deny in a VPC endpoint policy</Message></Error>".getBytes(StandardCharsets.UTF_8);
        InetSocketAddress gateway = open(BlockedTraffic.STALL, new ScriptedDecider(head -> false, asked -> new GatewayDecision.Respond(403,
                Map.of("Content-Type", "application/xml", "x-amz-request-id", "R1"), denial, ScriptedDecider.FACTS, ScriptedDecider.PRIVATE)));
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.get("/bucket/key", "s3.amazonaws.com");
            assertEquals(403, response.status());
            assertEquals("application/xml", response.header("content-type"));
            assertEquals("R1", response.header("x-amz-request-id"));
            assertEquals(new String(denial, StandardCharsets.UTF_8), response.text());
            assertEquals(403, client.get("/bucket/other", "s3.amazonaws.com").status(), "the connection carries the next request");
        }
        assertEquals(Outcome.RESPONDED, requests.get(0).outcome());
        assertEquals(403, requests.get(0).status());
        assertEquals(java.util.Optional.of("AccessDenied"), requests.get(0).errorCode(), "the gateway's own answer names its code too");
    }

    @Test
    void respondBeforeAShortBodyReadsTheBodyAndGoesOn() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, new ScriptedDecider(head -> false,
                asked -> new GatewayDecision.Respond(403, Map.of(), new byte[0], ScriptedDecider.FACTS, ScriptedDecider.PRIVATE)));
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: 10\r\n\r\n0123456789");
            assertEquals(403, client.read().status());
            assertEquals(403, client.get("/next", "s3.amazonaws.com").status());
        }
    }

    @Test
    void respondBeforeABodyAwaitingContinueClosesTheConnection() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, new ScriptedDecider(head -> false,
                asked -> new GatewayDecision.Respond(403, Map.of(), new byte[0], ScriptedDecider.FACTS, ScriptedDecider.PRIVATE)));
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nExpect: 100-continue\r\nContent-Length: 1048576\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(403, response.status());
            assertEquals("close", response.header("connection"));
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void blockInErrorModeAnswers504WithTheExplanation() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.ERROR, ScriptedDecider.blocking());
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.get("/bucket/key", "s3.amazonaws.com");
            assertEquals(504, response.status());
            assertEquals("ENI_SG_RULES_MISMATCH", response.header("x-backlane-explanation"));
            assertTrue(response.text().contains("\"code\":\"ENI_SG_RULES_MISMATCH\""), response.text());
            assertTrue(response.text().contains("No rule of sg-0123456789abcdef0 allows TCP 443."), response.text());
            assertTrue(response.text().contains("\"code\":\"AVAILABILITY_ZONE_CROSSED\""), response.text());
            assertEquals(504, client.get("/again", "s3.amazonaws.com").status());
        }
        GatewayRequestEvent event = requests.get(0);
        assertEquals(Outcome.BLOCKED_WITH_ERROR, event.outcome());
        assertEquals(Verdict.BLOCKED, event.verdict().orElseThrow());
        assertEquals("ENI_SG_RULES_MISMATCH", event.explanationCode().orElseThrow());
    }

    @Test
    void blockInResetModeResetsTheConnection() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.RESET, ScriptedDecider.blocking());
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("GET /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n");
            SocketException reset = assertThrows(SocketException.class, () -> client.input().read());
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
        assertEquals(Outcome.RESET, requests.get(0).outcome());
        assertEquals(0, requests.get(0).status());
    }

    @Test
    void blockInStallModeNeverAnswersUntilTheHardLimitResets() throws Exception {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, ScriptedDecider.blocking());
        try (HttpWire client = new HttpWire(gateway, 1_000)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: 100000\r\n\r\n").send(new byte[100_000]);
            assertThrows(SocketTimeoutException.class, () -> client.input().read(), "the client's read timeout fires: no answer");
            client.socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertTrue(client.closedByPeer(), "the stall limit (3 s here) ends the connection");
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
        GatewayForwardingTest.waitFor(() -> !requests.isEmpty());
        assertEquals(Outcome.STALLED, requests.get(0).outcome());
        assertEquals(0, requests.get(0).status());
        assertTrue(requests.get(0).bytesIn() > 100_000);
    }

    @Test
    void stalledClientThatGivesUpEndsTheStall() throws Exception {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, ScriptedDecider.blocking());
        try (HttpWire client = new HttpWire(gateway, 300)) {
            client.send("GET /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n");
            assertThrows(SocketTimeoutException.class, () -> client.input().read());
        }
        GatewayForwardingTest.waitFor(() -> !requests.isEmpty());
        assertEquals(Outcome.STALLED, requests.get(0).outcome());
    }

    @Test
    void deciderRejectingTheRequestGetsItsAwsStatus() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, new ScriptedDecider(head -> false, asked -> {
            throw AwsException.of(ErrorCode.INVALID_REQUEST, "The request is not signed: it has no Authorization header.");
        }));
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.get("/bucket/key", "s3.amazonaws.com");
            assertEquals(400, response.status());
            assertTrue(response.text().contains("<Code>InvalidRequest</Code>"), response.text());
            assertTrue(response.text().contains("no Authorization header"), response.text());
            assertEquals(400, client.get("/again", "s3.amazonaws.com").status());
        }
        assertEquals(Outcome.REJECTED, requests.get(0).outcome());
    }

    @Test
    void deciderFailingIsA502NeverA500() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, new ScriptedDecider(head -> {
            throw new IllegalStateException("index not ready");
        }, asked -> null));
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.get("/bucket/key", "s3.amazonaws.com");
            assertEquals(502, response.status());
            assertTrue(response.text().contains("index not ready"), response.text());
        }
    }

    @Test
    void connectTunnelsADeciderDoesNotCarryAreRefusedSayingWhy() throws IOException {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, ScriptedDecider.blocking());
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("CONNECT s3.amazonaws.com:443 HTTP/1.1\r\nHost: s3.amazonaws.com:443\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(501, response.status());
            assertTrue(response.text().contains("this gateway carries no TCP tunnels"), response.text());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void openingAWorkloadTwiceIsAnError() {
        open(BlockedTraffic.STALL, ScriptedDecider.blocking());
        assertThrows(IllegalStateException.class, () -> gateways.open("w-1", ScriptedDecider.blocking()));
    }
}
