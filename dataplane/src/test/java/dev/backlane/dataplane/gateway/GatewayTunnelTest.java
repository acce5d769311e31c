package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent.Cause;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's TCP tunnels end to end on loopback: SOCKS5 and HTTP CONNECT clients, a target process, the decider scripted. */
class GatewayTunnelTest {
    private static final byte[] PREAMBLE = "PP2-HEADER".getBytes(StandardCharsets.US_ASCII);

    private final EventStream events = new EventStream();
    private final List<PrivateLinkConnectionOpenedEvent> opened = new CopyOnWriteArrayList<>();
    private final List<PrivateLinkConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
    private final List<PrivateLinkConnectionRefusedEvent> refused = new CopyOnWriteArrayList<>();
    private Gateways gateways;

    GatewayTunnelTest() {
        events.subscribe(PrivateLinkConnectionOpenedEvent.class, opened::add);
        events.subscribe(PrivateLinkConnectionClosedEvent.class, closed::add);
        events.subscribe(PrivateLinkConnectionRefusedEvent.class, refused::add);
    }

    @AfterEach
    void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private InetSocketAddress open(BlockedTraffic mode, Duration flowIdle, GatewayDecider decider) {
        gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(Instant.EPOCH)).withBlockedTraffic(mode)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(120), flowIdle));
        return gateways.open("w-1", decider);
    }

    private InetSocketAddress open(GatewayDecider decider) {
        return open(BlockedTraffic.ERROR, Duration.ofSeconds(350), decider);
    }

    /** A target that reads the preamble's bytes, keeps them, then echoes. */
    private static TunnelTarget echoAfterPreamble(CompletableFuture<byte[]> preamble) throws IOException {
        return new TunnelTarget(connection -> {
            preamble.complete(new DataInputStream(connection.getInputStream()).readNBytes(PREAMBLE.length));
            connection.getInputStream().transferTo(connection.getOutputStream());
        });
    }

    @Test
    void socks5FromJavasSocketReachesTheTargetAfterThePreambleAndEchoes() throws Exception {
        CompletableFuture<byte[]> preamble = new CompletableFuture<>();
        try (TunnelTarget target = echoAfterPreamble(preamble)) {
            TunnelDecider decider = TunnelDecider.to(target, PREAMBLE);
            InetSocketAddress gateway = open(decider);
            int localPort;
            try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, gateway))) {
                socket.connect(InetSocketAddress.createUnresolved("vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com", 443), 5_000);
                localPort = socket.getLocalPort();
                socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
            assertArrayEquals(PREAMBLE, preamble.get(5, TimeUnit.SECONDS));
            assertEquals(new TunnelRequest("vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com", 443, localPort), decider.asked.get(0));
            GatewayForwardingTest.waitFor(() -> closed.size() == 1);
            assertEquals(TunnelDecider.FLOW, opened.get(0).flow());
            assertEquals(5, closed.get(0).bytesFromConsumer());
            assertEquals(5, closed.get(0).bytesToConsumer());
            assertEquals(Cause.CONSUMER_CLOSED, closed.get(0).cause());
        }
    }

    @Test
    void socks5ToAnIpv4AddressWithUsernameAndPasswordIsAccepted() throws Exception {
        try (TunnelTarget target = TunnelTarget.echo(); Socket socket = new Socket(InetAddress.getLoopbackAddress(),
                open(TunnelDecider.to(target, new byte[0])).getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(new byte[] {5, 1, 2});
            assertArrayEquals(new byte[] {5, 2}, in.readNBytes(2));
            out.write(new byte[] {1, 4, 'u', 's', 'e', 'r', 2, 'p', 'w'});
            assertArrayEquals(new byte[] {1, 0}, in.readNBytes(2));
            // CONNECT 10.0.1.20:8443, with the first payload bytes sent before the reply.
            out.write(new byte[] {5, 1, 0, 1, 10, 0, 1, 20, 0x20, (byte) 0xFB, 'p', 'i', 'n', 'g'});
            byte[] reply = in.readNBytes(10);
            assertEquals(0, reply[1], "succeeded");
            assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aGreetingSentWithTheRequestIsAnsweredTogetherWithTheReply() throws Exception {
        CountDownLatch judged = new CountDownLatch(1);
        try (TunnelTarget target = TunnelTarget.echo()) {
            InetSocketAddress gateway = open(new TunnelDecider(request -> {
                // The gateway judges on its event loop: the client is not answered before the judgement is over.
                awaitQuietly(judged);
                return new TunnelDecision.Tunnel(target.address(), new byte[0], TunnelDecider.FLOW, ScriptedDecider.PRIVATE);
            }));
            try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
                ByteArrayOutputStream hello = new ByteArrayOutputStream();
                hello.writeBytes(new byte[] {5, 1, 0});
                hello.writeBytes(domainRequest("svc.example", 443));
                socket.getOutputStream().write(hello.toByteArray());
                socket.setSoTimeout(500);
                assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                        "the method choice waits for the request's reply, as the client waits for both");
                judged.countDown();
                socket.setSoTimeout(5_000);
                assertArrayEquals(new byte[] {5, 0}, socket.getInputStream().readNBytes(2));
                assertEquals(0, socket.getInputStream().readNBytes(10)[1], "succeeded");
                socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void httpConnectOpensTheTunnelWith200() throws Exception {
        CompletableFuture<byte[]> preamble = new CompletableFuture<>();
        try (TunnelTarget target = echoAfterPreamble(preamble)) {
            TunnelDecider decider = TunnelDecider.to(target, PREAMBLE);
            try (HttpWire client = new HttpWire(open(decider))) {
                client.send("CONNECT billing.internal.example:8443 HTTP/1.1\r\nHost: billing.internal.example:8443\r\n\r\n");
                HttpWire.Response response = client.read();
                assertEquals(200, response.status());
                client.send("any protocol at all");
                assertEquals("any protocol at all", new String(client.input().readNBytes(19), StandardCharsets.US_ASCII));
            }
            assertEquals("billing.internal.example", decider.asked.get(0).host());
            assertEquals(8443, decider.asked.get(0).port());
            assertArrayEquals(PREAMBLE, preamble.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFinIsPassedOnAndTheOtherDirectionKeepsFlowing() throws Exception {
        // The target reads to the client's FIN, then answers with what it counted and closes.
        try (TunnelTarget target = new TunnelTarget(connection -> {
            long count = connection.getInputStream().transferTo(OutputStream.nullOutputStream());
            connection.getOutputStream().write(("got " + count).getBytes(StandardCharsets.US_ASCII));
        }); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[100_000]);
            socket.shutdownOutput();
            assertEquals("got 100000", new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.CONSUMER_CLOSED, closed.get(0).cause());
        assertEquals(100_000, closed.get(0).bytesFromConsumer());
        assertEquals(10, closed.get(0).bytesToConsumer());
    }

    @Test
    void theTargetsFinFirstIsTargetClosed() throws Exception {
        try (TunnelTarget target = new TunnelTarget(connection -> connection.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII)));
                Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            assertEquals("bye", new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.TARGET_CLOSED, closed.get(0).cause());
    }

    @Test
    void aTargetsResetIsPassedOnAsAReset() throws Exception {
        try (TunnelTarget target = new TunnelTarget(connection -> {
            connection.getInputStream().read();
            connection.setSoLinger(true, 0);
        }); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(1);
            assertThrows(SocketException.class, () -> {
                // The reset may follow a read that returns the end first on some kernels: read until it shows.
                while (socket.getInputStream().read() != -1) {
                    continue;
                }
                socket.getOutputStream().write(new byte[1024]);
                socket.getOutputStream().write(new byte[1024]);
            });
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.TARGET_RESET, closed.get(0).cause());
    }

    @Test
    void aTargetThatNeverReadsCostsBoundedMemory() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        try (TunnelTarget target = new TunnelTarget(connection -> release.join());
                Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(TunnelDecider.to(target, new byte[0]))));
                BufferedMemory memory = BufferedMemory.watch()) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 1024; i++) {
                        socket.getOutputStream().write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // Closed at the end of the test.
                }
            });
            writer.setDaemon(true);
            writer.start();
            // The writer stops once the target's socket, the gateway's write buffer and the client's socket are full.
            long previous = -1;
            while (written.get() != previous) {
                previous = written.get();
                TimeUnit.MILLISECONDS.sleep(300);
            }
            assertTrue(written.get() < 32L * 1024 * 1024, "the writer was held back at " + written.get() + " bytes");
            assertTrue(memory.peak() < 4L * 1024 * 1024, "the gateway buffered " + memory.peak() + " bytes");
            release.complete(null);
        }
    }

    @Test
    void anIdleTunnelIsResetAtTheFlowIdleTimeout() throws Exception {
        try (TunnelTarget target = TunnelTarget.echo(); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS,
                open(BlockedTraffic.ERROR, Duration.ofSeconds(1), TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            assertTrue(closedByPeer(socket.getInputStream()));
            assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(800));
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.IDLE_TIMEOUT, closed.get(0).cause());
    }

    @Test
    void aHalfClosedTunnelIsResetAtTheFlowIdleTimeout() throws Exception {
        // The target reads to the client's FIN, then neither writes nor closes: half-open, as a hung peer leaves it.
        CompletableFuture<Void> release = new CompletableFuture<>();
        try (TunnelTarget target = new TunnelTarget(connection -> {
            connection.getInputStream().transferTo(OutputStream.nullOutputStream());
            release.join();
        }); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(BlockedTraffic.ERROR, Duration.ofSeconds(1),
                TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(1);
            socket.shutdownOutput();
            long start = System.nanoTime();
            assertTrue(closedByPeer(socket.getInputStream()));
            assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(800));
        } finally {
            release.complete(null);
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.IDLE_TIMEOUT, closed.get(0).cause(), "the consumer's FIN came first, but the idle reset ended it");
        assertEquals(1, closed.get(0).bytesFromConsumer());
    }

    @Test
    void aClientThatNeverReadsIsResetAtTheFlowIdleTimeout() throws Exception {
        // The target writes until the client's socket and the gateway's buffer are full: then no byte moves either way.
        try (TunnelTarget target = new TunnelTarget(connection -> {
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                connection.getOutputStream().write(chunk);
            }
        }); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(BlockedTraffic.ERROR, Duration.ofSeconds(1),
                TunnelDecider.to(target, new byte[0]))))) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        }
        assertEquals(Cause.IDLE_TIMEOUT, closed.get(0).cause());
        assertTrue(closed.get(0).bytesToConsumer() > 0);
    }

    @Test
    void aSlowPeerIsNotTimedOutWhileBytesStillMove() throws Exception {
        // An NLB times a flow out only when nothing moves; a byte every 300 ms keeps a 1 s idle timeout away.
        try (TunnelTarget target = TunnelTarget.echo(); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS,
                open(BlockedTraffic.ERROR, Duration.ofSeconds(1), TunnelDecider.to(target, new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 6; i++) {
                socket.getOutputStream().write(i);
                assertEquals(i, socket.getInputStream().read());
                TimeUnit.MILLISECONDS.sleep(300);
            }
            assertTrue(closed.isEmpty(), "still open after 1.8 s of trickle");
        }
    }

    @Test
    void tunnelsToADeregisteredTargetAreResetWhenTheirGroupTerminatesConnections() throws Exception {
        try (TunnelTarget target = TunnelTarget.echo(); Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, open(TunnelDecider.to(target,
                new byte[0]))))) {
            socket.connect(InetSocketAddress.createUnresolved("svc.example", 9000), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(1);
            assertEquals(1, socket.getInputStream().read());
            gateways.endTunnels(flow -> flow.targetAddress().equals(Optional.of("10.9.9.9")) ? Optional.of(Cause.DEREGISTERED) : Optional.empty());
            socket.getOutputStream().write(2);
            assertEquals(2, socket.getInputStream().read(), "a tunnel to another target stays");
            gateways.endTunnels(flow -> flow.targetAddress().equals(TunnelDecider.FLOW.targetAddress()) ? Optional.of(Cause.DEREGISTERED)
                    : Optional.empty());
            assertTrue(closedByPeer(socket.getInputStream()));
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(Cause.DEREGISTERED, closed.get(0).cause());
    }

    // ---- Refusals ---------------------------------------------------------------------------------------------------

    private static byte[] socksConnect(InetSocketAddress gateway, byte[] request) throws IOException {
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] {5, 1, 0});
            assertArrayEquals(new byte[] {5, 0}, socket.getInputStream().readNBytes(2));
            socket.getOutputStream().write(request);
            byte[] reply = socket.getInputStream().readNBytes(10);
            assertTrue(closedByPeer(socket.getInputStream()), "the gateway closes after a refusal");
            return reply;
        }
    }

    private static byte[] domainRequest(String host, int port) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
        request.writeBytes(name);
        request.writeBytes(new byte[] {(byte) (port >> 8), (byte) port});
        return request.toByteArray();
    }

    @Test
    void socks5RepliesTellWhyATunnelWasRefused() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> switch (request.host()) {
            case "unknown.example" -> new TunnelDecision.Refuse(TunnelDecision.Refusal.HOST_UNREACHABLE, "does not resolve", Optional.empty(),
                    Optional.of(ScriptedDecider.BLOCKED));
            case "elsewhere.example" -> new TunnelDecision.Refuse(TunnelDecision.Refusal.NOT_SUPPORTED, "not an endpoint service", Optional.empty(),
                    Optional.empty());
            case "closed.example" -> new TunnelDecision.Tunnel(closedPort(), new byte[0], TunnelDecider.FLOW, ScriptedDecider.PRIVATE);
            default -> new TunnelDecision.Block(Optional.of(TunnelDecider.FLOW), ScriptedDecider.BLOCKED);
        }));
        assertEquals(0x04, socksConnect(gateway, domainRequest("unknown.example", 443))[1], "host unreachable");
        assertEquals(0x02, socksConnect(gateway, domainRequest("elsewhere.example", 443))[1], "not allowed");
        assertEquals(0x05, socksConnect(gateway, domainRequest("closed.example", 443))[1], "connection refused");
        assertEquals(0x02, socksConnect(gateway, domainRequest("blocked.example", 443))[1], "blocked, in error mode");
        GatewayForwardingTest.waitFor(() -> refused.size() == 2);
        assertEquals("TARGET_CONNECTION_REFUSED", refused.get(0).explanationCode());
        assertTrue(refused.get(0).reset());
        assertEquals("ENI_SG_RULES_MISMATCH", refused.get(1).explanationCode());
        assertFalse(refused.get(1).reset());
        assertTrue(opened.isEmpty());
    }

    @Test
    void socks5RequestsTheGatewayDoesNotServeGetTheirReplyCodes() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> {
            throw new AssertionError("never asked");
        }));
        assertEquals(0x07, socksConnect(gateway, new byte[] {5, 2, 0, 1, 10, 0, 0, 1, 0, 80})[1], "BIND: command not supported");
        assertEquals(0x07, socksConnect(gateway, new byte[] {5, 3, 0, 1, 10, 0, 0, 1, 0, 80})[1], "UDP ASSOCIATE: command not supported");
        byte[] ipv6 = new byte[22];
        ipv6[0] = 5;
        ipv6[1] = 1;
        ipv6[3] = 4;
        assertEquals(0x08, socksConnect(gateway, ipv6)[1], "IPv6: address type not supported");
        assertEquals(0x08, socksConnect(gateway, new byte[] {5, 1, 0, 9, 0, 0})[1], "unknown address type");
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] {5, 1, 1});
            assertArrayEquals(new byte[] {5, (byte) 0xFF}, socket.getInputStream().readNBytes(2), "GSSAPI only: no acceptable method");
            assertTrue(closedByPeer(socket.getInputStream()));
        }
    }

    @Test
    void aSocks4ClientIsRejectedInSocks4sOwnWords() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> {
            throw new AssertionError("never asked");
        }));
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            // SOCKS4 CONNECT 10.0.1.20:443, user "u".
            socket.getOutputStream().write(new byte[] {4, 1, 1, (byte) 0xBB, 10, 0, 1, 20, 'u', 0});
            assertArrayEquals(new byte[] {0, 91, 0, 0, 0, 0, 0, 0}, socket.getInputStream().readNBytes(8), "request rejected or failed");
            assertTrue(closedByPeer(socket.getInputStream()));
        }
    }

    @Test
    void connectRefusalsGetTheirHttpStatus() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> switch (request.host()) {
            case "unknown.example" -> new TunnelDecision.Refuse(TunnelDecision.Refusal.HOST_UNREACHABLE, "unknown.example does not resolve",
                    Optional.empty(), Optional.of(ScriptedDecider.BLOCKED));
            case "elsewhere.example" -> new TunnelDecision.Refuse(TunnelDecision.Refusal.NOT_SUPPORTED, "not an endpoint service", Optional.empty(),
                    Optional.empty());
            default -> new TunnelDecision.Tunnel(closedPort(), new byte[0], TunnelDecider.FLOW, ScriptedDecider.PRIVATE);
        }));
        for (Map.Entry<String, Integer> expected : Map.of("unknown.example", 502, "elsewhere.example", 501, "closed.example", 502).entrySet()) {
            try (HttpWire client = new HttpWire(gateway)) {
                client.send("CONNECT " + expected.getKey() + ":443 HTTP/1.1\r\nHost: " + expected.getKey() + ":443\r\n\r\n");
                HttpWire.Response response = client.read();
                assertEquals(expected.getValue(), response.status(), expected.getKey());
                assertTrue(response.text().startsWith("Backlane gateway:"), response.text());
                assertTrue(client.closedByPeer());
            }
        }
    }

    /** A decider that finds every path BLOCKED. */
    private static TunnelDecider blocking() {
        return new TunnelDecider(request -> new TunnelDecision.Block(Optional.of(TunnelDecider.FLOW), ScriptedDecider.BLOCKED));
    }

    /** A raw connection that has greeted the gateway in SOCKS5 and asked to CONNECT to svc.example:443. */
    private static Socket socksAsked(InetSocketAddress gateway, int timeoutMillis) throws IOException {
        Socket socket = new Socket(gateway.getAddress(), gateway.getPort());
        socket.setSoTimeout(timeoutMillis);
        socket.getOutputStream().write(new byte[] {5, 1, 0});
        socket.getInputStream().readNBytes(2);
        socket.getOutputStream().write(domainRequest("svc.example", 443));
        return socket;
    }

    @Test
    void aBlockedTunnelInResetModeIsResetWithoutAReply() throws Exception {
        InetSocketAddress gateway = open(BlockedTraffic.RESET, Duration.ofSeconds(350), blocking());
        try (Socket socket = socksAsked(gateway, 5_000)) {
            assertThrows(SocketException.class, () -> socket.getInputStream().read(), "SOCKS5: a reset, no reply");
        }
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("CONNECT svc.example:443 HTTP/1.1\r\nHost: svc.example:443\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThrows(SocketException.class, () -> socket.getInputStream().read(), "CONNECT: a reset, no status");
        }
        GatewayForwardingTest.waitFor(() -> refused.size() == 2);
        // The consumer is shown a reset, but the connection was dropped on the way (PacketsDropped): no service sent it.
        assertTrue(refused.stream().noneMatch(PrivateLinkConnectionRefusedEvent::reset));
    }

    @Test
    void aBlockedSocks5ConnectionStallsUntilTheLimitThenIsReset() throws Exception {
        InetSocketAddress gateway = open(BlockedTraffic.STALL, Duration.ofSeconds(2), blocking());
        try (Socket socket = socksAsked(gateway, 700)) {
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(), "no reply: the SYN was dropped");
            socket.setSoTimeout(5_000);
            assertTrue(closedByPeer(socket.getInputStream()));
        }
        assertEquals(1, refused.size());
        assertFalse(refused.get(0).reset());
    }

    @Test
    void aBlockedConnectInErrorModeIs504WithTheExplanation() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> new TunnelDecision.Block(Optional.empty(), ScriptedDecider.BLOCKED)));
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("CONNECT svc.example:443 HTTP/1.1\r\nHost: svc.example:443\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(504, response.status());
            assertEquals("ENI_SG_RULES_MISMATCH", response.header(GatewayResponses.EXPLANATION_HEADER));
            assertTrue(response.text().contains("svc.example"), response.text());
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void aConnectToNoHostAndPortIs400() throws Exception {
        InetSocketAddress gateway = open(new TunnelDecider(request -> {
            throw new AssertionError("never asked");
        }));
        for (String target : List.of("svc.example", "svc.example:0", "svc.example:99999", ":443", "[::1]:443", "svc example:443", "svc.example:44a")) {
            try (HttpWire client = new HttpWire(gateway)) {
                client.send("CONNECT " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(400, client.read().status(), target);
            }
        }
    }

    private static InetSocketAddress closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
