package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated requests from a seeded generator (the seed is in the failure message, to replay a case):
 * whatever arrives, the gateway answers with a well-formed status line or closes, never answers 500, keeps
 * answering well-formed requests on new connections, holds bounded memory and closes every connection it opened.
 */
class GatewayFuzzTest {
    private static final long SEED = Long.getLong("gateway.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("gateway.fuzz.cases", 300);

    private static final List<String> CORPUS = List.of(
            "GET /bucket/key HTTP/1.1\r\nHost: bucket.s3.us-east-1.amazonaws.com\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request\r\n\r\n",
            "PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: 11\r\n\r\nhello world",
            "PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nTransfer-Encoding: chunked\r\nContent-Encoding: aws-chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 22\r\n\r\nAction=ListQueues&V=1",
            "GET http://bucket.s3.amazonaws.com/key?list-type=2 HTTP/1.1\r\nHost: bucket.s3.amazonaws.com\r\nProxy-Connection: keep-alive\r\n\r\n",
            "PUT /r/deny HTTP/1.1\r\nHost: s3.amazonaws.com\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody",
            "HEAD /b/blocked HTTP/1.0\r\nHost: s3.amazonaws.com\r\nConnection: keep-alive\r\n\r\n",
            "CONNECT s3.amazonaws.com:443 HTTP/1.1\r\nHost: s3.amazonaws.com:443\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n");
    private static final String[] SPLICES = {"\r\n", "\n", "\r", ":", " ", "\u0000", "\t", "Content-Length: 5\r\n", "Content-Length: -1\r\n",
        "Transfer-Encoding: chunked\r\n", "Content-Length: 99999999999999999999\r\n", "ffffffff\r\n", "HTTP/1.1", "%00", "\u00ff\u00fe", "Expect: 100-continue\r\n"};

    private final EventStream events = new EventStream();
    private final List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private final TestUpstream upstream;
    private final Gateways gateways;
    private final InetSocketAddress gateway;

    GatewayFuzzTest() throws IOException {
        events.subscribe(GatewayRequestEvent.class, requests::add);
        events.subscribe(GatewayConnectionClosedEvent.class, closed -> closedConnections.incrementAndGet());
        upstream = new TestUpstream();
        gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(Instant.EPOCH)).withBlockedTraffic(BlockedTraffic.ERROR)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1))
                .withLimits(2048, 4096, 64 * 1024, 64));
        gateway = gateways.open("w-fuzz", new ScriptedDecider(head -> head.method().equals("POST"), asked -> {
            String target = asked.head().target();
            if (target.contains("/r")) {
                return new GatewayDecision.Respond(403, Map.of("Content-Type", "application/xml"), "<Error/>".getBytes(StandardCharsets.UTF_8),
                        ScriptedDecider.FACTS, ScriptedDecider.PRIVATE);
            }
            if (target.contains("/b")) {
                return new GatewayDecision.Block(ScriptedDecider.FACTS, ScriptedDecider.BLOCKED);
            }
            return new GatewayDecision.Forward(upstream.uri(), ScriptedDecider.FACTS, ScriptedDecider.PRIVATE);
        }));
    }

    @AfterEach
    void stop() {
        gateways.close();
        upstream.close();
    }

    @Test
    void mutatedRequestsNeverBreakTheListener() throws Exception {
        Random random = new Random(SEED);
        int opened = 0;
        try (BufferedMemory memory = BufferedMemory.watch()) {
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(random, CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.ISO_8859_1));
                String replay = "seed " + SEED + " case " + i + ": " + printable(input);
                try (HttpWire client = new HttpWire(gateway, 150)) {
                    opened++;
                    client.send(input);
                    String answer = readWhatComes(client.input());
                    assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1\\.[01] \\d{3} .*"), replay + " -> " + printable(answer.getBytes(
                            StandardCharsets.ISO_8859_1)));
                    assertTrue(!answer.startsWith("HTTP/1.1 500") && !answer.startsWith("HTTP/1.0 500"), replay);
                } catch (java.net.SocketException resetOrBrokenPipe) {
                    // The gateway may close on bad input while the client still writes.
                }
                if (i % 50 == 49) {
                    wellFormedRequestStillWorks();
                    opened++;
                }
            }
            wellFormedRequestStillWorks();
            opened++;
            assertTrue(memory.peak() < 16 * 1024 * 1024, "the gateway buffered " + memory.peak() + " bytes at most");
        }
        int expected = opened;
        GatewayForwardingTest.waitFor(() -> closedConnections.get() == expected);
        assertTrue(requests.stream().noneMatch(event -> event.status() == 500), "no request was answered 500");
    }

    private void wellFormedRequestStillWorks() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(200, client.get("/healthy", "s3.amazonaws.com").status());
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = seed.clone();
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(6)) {
                case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length));
                case 2 -> bytes = splice(bytes, random.nextInt(bytes.length), SPLICES[random.nextInt(SPLICES.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 3 -> bytes = splice(bytes, random.nextInt(bytes.length), randomBytes(random, 1 + random.nextInt(32)));
                case 4 -> bytes = splice(bytes, random.nextInt(bytes.length), ("X-Long: " + "a".repeat(random.nextInt(8192)) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                default -> {
                    int from = random.nextInt(bytes.length);
                    int to = Math.min(bytes.length, from + random.nextInt(16));
                    byte[] cut = new byte[bytes.length - (to - from)];
                    System.arraycopy(bytes, 0, cut, 0, from);
                    System.arraycopy(bytes, to, cut, from, bytes.length - to);
                    bytes = cut.length == 0 ? seed : cut;
                }
            }
        }
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] result = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at, result, at + insert.length, bytes.length - at);
        return result;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Everything the gateway sends until it closes or goes quiet for the read timeout. */
    private static String readWhatComes(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1 << 20; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException quiet) {
            // the gateway waits for more (a body, a head's end): fine
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 300); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return text.toString();
    }
}
