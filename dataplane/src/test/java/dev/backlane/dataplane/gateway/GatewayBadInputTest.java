package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a real server answers to broken, oversized and slow clients, and that they cost bounded time and memory. */
class GatewayBadInputTest {
    private final EventStream events = new EventStream();
    private final List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
    private final TestUpstream upstream;
    private final Gateways gateways;
    private final InetSocketAddress gateway;

    GatewayBadInputTest() throws IOException {
        events.subscribe(GatewayRequestEvent.class, requests::add);
        upstream = new TestUpstream();
        gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(Instant.EPOCH))
                .withTimeouts(Duration.ofMillis(700), Duration.ofMillis(1500), Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withLimits(1024, 2048, 4096, 8));
        gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
    }

    @AfterEach
    void stop() {
        gateways.close();
        upstream.close();
    }

    @Test
    void malformedRequestLineIs400AndClose() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.send("GARBAGE\r\n\r\n").read();
            assertEquals(400, response.status());
            assertEquals("close", response.header("connection"));
            assertTrue(client.closedByPeer());
        }
        assertEquals(Outcome.REJECTED, requests.get(0).outcome());
    }

    @Test
    void malformedHeaderIs400() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(400, client.send("GET / HTTP/1.1\r\nHost: a\r\nBad Header Name: x\r\n\r\n").read().status());
        }
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(4096) + "\r\n\r\n").read();
            assertEquals(431, response.status());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void overlongRequestLineIs414() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(414, client.send("GET /" + "k".repeat(2048) + " HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
        }
    }

    @Test
    void badChunkedBodyIs400() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /k HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(400, response.status());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void slowlorisHeadIs408AndClose() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("GET / HTTP/1.1\r\nHost: a\r\n");
            long start = System.nanoTime();
            HttpWire.Response response = client.read();
            assertEquals(408, response.status());
            assertTrue(System.nanoTime() - start < 3_000_000_000L);
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void slowHeadOnAReusedConnectionGetsTheWholeHeadTimeoutFromItsOwnWait() throws Exception {
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(200, client.get("/k", "a").status());
            Thread.sleep(400);
            assertEquals(200, client.get("/k", "a").status());
            // The head timer was armed for the first wait; it must count 700 ms from this third wait, not fire
            // 700 ms after the connection opened.
            long waitBegan = System.nanoTime();
            client.send("GET / HTTP/1.1\r\nHost: a\r\n");
            HttpWire.Response response = client.read();
            long waitedMillis = (System.nanoTime() - waitBegan) / 1_000_000;
            assertEquals(408, response.status());
            assertTrue(waitedMillis >= 600, "408 after " + waitedMillis + " ms, before the head timeout of 700 ms");
            assertTrue(waitedMillis < 3_000, "408 after " + waitedMillis + " ms");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedQuietly() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(200, client.get("/k", "a").status());
            assertTrue(client.closedByPeer(), "closed after the idle timeout, with no response");
        }
    }

    @Test
    void bodyThatNeverArrivesIs408() throws IOException {
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /k HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\nonly a little");
            HttpWire.Response response = client.read();
            assertEquals(408, response.status());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void decisionBodyOverTheLimitIs413() throws IOException {
        gateways.close("w-1");
        InetSocketAddress collecting = gateways.open("w-2", new ScriptedDecider(head -> true,
                asked -> new GatewayDecision.Forward(upstream.uri(), ScriptedDecider.FACTS, ScriptedDecider.PRIVATE)));
        try (HttpWire client = new HttpWire(collecting)) {
            client.send("POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nContent-Length: 10000\r\n\r\n").send(new byte[10000]);
            assertEquals(413, client.read().status());
        }
    }

    @Test
    void clientThatNeverReadsIsCutOffWithBoundedMemory() throws Exception {
        try (BufferedMemory memory = BufferedMemory.watch(); HttpWire client = new HttpWire(gateway)) {
            client.socket.setReceiveBufferSize(16 * 1024);
            client.send("GET /download?bytes=" + (512L * 1024 * 1024) + " HTTP/1.1\r\nHost: a\r\n\r\n");
            Thread.sleep(4_000);
            assertTrue(memory.peak() < 4 * 1024 * 1024, "buffered " + memory.peak());
            InputStream in = client.input();
            long read = 0;
            try {
                for (int n; (n = in.read(new byte[65536])) > 0; ) {
                    read += n;
                }
            } catch (java.net.SocketException reset) {
                // cut off: as good as a close
            }
            assertTrue(read < 64L * 1024 * 1024, "the gateway stopped sending once the client stopped reading, after " + read);
        }
    }

    @Test
    void connectionsOverTheLimitAreClosedWithoutDisturbingTheOthers() throws Exception {
        List<HttpWire> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                held.add(new HttpWire(gateway));
            }
            Thread.sleep(100);
            try (HttpWire extra = new HttpWire(gateway)) {
                assertTrue(extra.closedByPeer());
            }
            assertEquals(200, held.get(0).get("/k", "a").status());
        } finally {
            for (HttpWire wire : held) {
                wire.close();
            }
        }
    }
}
