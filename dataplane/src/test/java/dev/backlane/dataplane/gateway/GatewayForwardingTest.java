package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayConnectionOpenedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests the decider forwards, through a gateway on loopback to an upstream on loopback. */
class GatewayForwardingTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final EventStream events = new EventStream();
    private final List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
    private final List<GatewayConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
    private final Gateways gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(NOW)));
    private final TestUpstream upstream;

    GatewayForwardingTest() throws IOException {
        upstream = new TestUpstream();
        events.subscribe(GatewayRequestEvent.class, requests::add);
        events.subscribe(GatewayConnectionClosedEvent.class, closed::add);
    }

    @AfterEach
    void stop() {
        gateways.close();
        upstream.close();
    }

    private InetSocketAddress forwarding() {
        return gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
    }

    @Test
    void getIsForwardedWithHostAndAuthorizationUntouched() throws IOException {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("GET /bucket/key?versionId=1 HTTP/1.1\r\nHost: bucket.s3.us-east-1.amazonaws.com\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/s3/aws4_request, Signature=abc\r\n"
                    + "X-Amz-Date: 20260102T030405Z\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("test", response.header("x-upstream"));
            assertTrue(response.text().startsWith("bytes=0 "), response.text());
        }
        TestUpstream.Seen seen = upstream.last();
        assertEquals("/bucket/key?versionId=1", seen.target());
        assertEquals("bucket.s3.us-east-1.amazonaws.com", seen.header("Host"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/s3/aws4_request, Signature=abc", seen.header("Authorization"));
        assertEquals("20260102T030405Z", seen.header("X-Amz-Date"));
    }

    @Test
    void absoluteFormProxyRequestReachesTheUpstreamInOriginForm() throws IOException {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("GET http://bucket.s3.amazonaws.com/key?list-type=2 HTTP/1.1\r\nHost: bucket.s3.amazonaws.com\r\n\r\n");
            assertEquals(200, client.read().status());
        }
        assertEquals("/key?list-type=2", upstream.last().target());
        assertEquals("bucket.s3.amazonaws.com", upstream.last().header("Host"));
    }

    @Test
    void keepAliveReusesBothConnections() throws IOException {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            for (int i = 0; i < 5; i++) {
                HttpWire.Response response = client.get("/k" + i, "s3.amazonaws.com");
                assertEquals(200, response.status());
                assertTrue(response.text().contains("target=/k" + i), response.text());
            }
        }
        assertEquals(5, upstream.seen.size());
        assertEquals(1, upstream.clientPorts.size(), "one upstream connection carried all five requests");
    }

    @Test
    void headResponseHasNoBodyAndTheConnectionGoesOn() throws IOException {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("HEAD /k HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n");
            assertEquals(200, client.read(true).status());
            assertEquals(200, client.get("/after", "s3.amazonaws.com").status());
        }
    }

    @Test
    void putWithContentLengthStreamsTheBody() throws IOException {
        InetSocketAddress gateway = forwarding();
        byte[] body = "hello, upstream".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertTrue(response.text().contains("bytes=" + body.length + " sha256=" + sha256(body)), response.text());
        }
    }

    @Test
    void chunkedAwsChunkedBodyPassesThroughUntouched() throws IOException {
        InetSocketAddress gateway = forwarding();
        // An aws-chunked payload (signed chunks inside the body) sent with Transfer-Encoding: chunked, as SDKs do.
        String payload = "5;chunk-signature=aaaa\r\nhello\r\n0;chunk-signature=bbbb\r\n\r\n";
        byte[] payloadBytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Encoding: aws-chunked\r\n"
                    + "X-Amz-Decoded-Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.send(Integer.toHexString(20) + "\r\n" + payload.substring(0, 20) + "\r\n");
            client.send(Integer.toHexString(payload.length() - 20) + "\r\n" + payload.substring(20) + "\r\n0\r\n\r\n");
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertTrue(response.text().contains("bytes=" + payloadBytes.length + " sha256=" + sha256(payloadBytes)), response.text());
        }
        assertEquals("aws-chunked", upstream.last().header("Content-Encoding"));
        assertEquals("5", upstream.last().header("X-Amz-Decoded-Content-Length"));
    }

    @Test
    void expectContinueIsAnsweredByTheUpstream() throws IOException {
        InetSocketAddress gateway = forwarding();
        byte[] body = "payload after continue".getBytes(StandardCharsets.UTF_8);
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nExpect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            assertEquals(100, client.read().status(), "the client waits for 100 before it sends the body");
            client.send(body);
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertTrue(response.text().contains("bytes=" + body.length), response.text());
            assertEquals(200, client.get("/next", "s3.amazonaws.com").status());
        }
        assertEquals("100-continue", upstream.seen.get(0).header("Expect"));
    }

    @Test
    void decisionBodyIsReadThenForwardedWhole() throws IOException {
        ScriptedDecider decider = new ScriptedDecider(head -> head.method().equals("POST"),
                asked -> new GatewayDecision.Forward(upstream.uri(), ScriptedDecider.FACTS, ScriptedDecider.PRIVATE));
        InetSocketAddress gateway = gateways.open("w-1", decider);
        String form = "Action=SendMessage&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Fq&MessageBody=hi";
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + form.length() + "\r\n\r\n" + form);
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertTrue(response.text().contains("bytes=" + form.length() + " sha256=" + sha256(form.getBytes(StandardCharsets.UTF_8))));
        }
        assertArrayEquals(form.getBytes(StandardCharsets.UTF_8), decider.asked.get(0).body().orElseThrow());
    }

    @Test
    void upstreamRefusedIsA502NamingTheUpstream() throws IOException {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());
        InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(nowhere));
        try (HttpWire client = new HttpWire(gateway)) {
            HttpWire.Response response = client.get("/k", "s3.amazonaws.com");
            assertEquals(502, response.status());
            assertTrue(response.text().contains(nowhere.toString()) && response.text().contains("refused"), response.text());
            assertEquals(502, client.get("/again", "s3.amazonaws.com").status(), "the connection stays usable");
        }
        assertEquals(GatewayRequestEvent.Outcome.UPSTREAM_FAILED, requests.get(0).outcome());
    }

    @Test
    void largeUploadAndDownloadStreamWithBoundedMemory() throws Exception {
        InetSocketAddress gateway = forwarding();
        long size = Long.getLong("gw.size", 100L * 1024 * 1024);
        try (BufferedMemory memory = BufferedMemory.watch(); HttpWire client = new HttpWire(gateway, 60_000)) {
            client.send("PUT /slow?millis=500 HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: " + size + "\r\n\r\n");
            MessageDigest digest = TestUpstream.sha256();
            byte[] block = new byte[256 * 1024];
            OutputStream out = client.out();
            for (long sent = 0; sent < size; sent += block.length) {
                Patterns.fill(block, sent, block.length);
                digest.update(block);
                out.write(block);
            }
            out.flush();
            HttpWire.Response response = client.read();
            assertEquals(200, response.status());
            assertTrue(response.text().contains("bytes=" + size + " sha256=" + HexFormat.of().formatHex(digest.digest())), response.text());

            client.send("GET /download?bytes=" + size + " HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n");
            InputStream in = client.input();
            long contentLength = readHeadContentLength(in);
            assertEquals(size, contentLength);
            TimeUnit.MILLISECONDS.sleep(500); // the client lags: the gateway must stop reading the upstream meanwhile
            byte[] buffer = new byte[64 * 1024];
            long offset = 0;
            while (offset < size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - offset));
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != Patterns.at(offset + i)) {
                        throw new AssertionError("byte " + (offset + i) + " differs");
                    }
                }
                offset += n;
            }
            assertTrue(memory.peak() < 8 * 1024 * 1024, "the gateway held " + memory.peak() + " bytes at most");
        }
    }

    @Test
    void requestEventsCountTheWireBytesEachWay() throws Exception {
        InetSocketAddress gateway = forwarding();
        String request = "PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: 5\r\n\r\nhello";
        HttpWire.Response response;
        try (HttpWire client = new HttpWire(gateway)) {
            response = client.send(request).read();
        }
        waitFor(() -> closed.size() == 1);
        GatewayRequestEvent event = requests.get(0);
        assertEquals("w-1", event.workloadId());
        assertEquals("127.0.0.1", event.clientAddress());
        assertEquals("PUT", event.method());
        assertEquals(GatewayRequestEvent.Outcome.FORWARDED, event.outcome());
        assertEquals(200, event.status());
        assertEquals(Verdict.PRIVATE, event.verdict().orElseThrow());
        assertEquals("vpce-0123456789abcdef0", event.via().orElseThrow());
        assertEquals("s3:GetObject", event.facts().orElseThrow().action());
        assertEquals(ScriptedDecider.PRIVATE.destination(), event.destination());
        assertEquals(request.length(), event.bytesIn());
        assertEquals(response.wireBytes(), event.bytesOut());
        assertEquals(NOW, event.start());
        assertTrue(event.latencyNanos() > 0);
        assertEquals(request.length(), closed.get(0).bytesIn());
        assertEquals(response.wireBytes(), closed.get(0).bytesOut());
        assertEquals(1, closed.get(0).requests());
    }

    @Test
    void requestEventsCarryTheUpstreamsErrorCodeFromItsBodyOrHeader() throws Exception {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            assertEquals(404, client.get("/error?status=404&code=NoSuchKey", "s3.amazonaws.com").status());
            assertEquals(400, client.get("/error?status=400&code=ValidationException&header=1", "s3.amazonaws.com").status());
            assertEquals(200, client.get("/fine", "s3.amazonaws.com").status());
        }
        waitFor(() -> requests.size() == 3);
        assertEquals(Optional.of("NoSuchKey"), requests.get(0).errorCode());
        assertEquals(Optional.of("ValidationException"), requests.get(1).errorCode());
        assertEquals(Optional.empty(), requests.get(2).errorCode(), "a success names no error");
    }

    @Test
    void closingAWorkloadsGatewayLeavesTheOthersServing() throws IOException {
        InetSocketAddress first = gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
        InetSocketAddress second = gateways.open("w-2", ScriptedDecider.forwardingTo(upstream.uri()));
        try (HttpWire one = new HttpWire(first); HttpWire two = new HttpWire(second)) {
            assertEquals(200, one.get("/a", "s3.amazonaws.com").status());
            assertTrue(gateways.close("w-1"));
            assertTrue(one.closedByPeer());
            assertEquals(200, two.get("/b", "s3.amazonaws.com").status());
        }
        // Every one of its listening sockets (one per event loop) is closed: each new connection is refused.
        for (int i = 0; i < 20; i++) {
            assertThrows(ConnectException.class, () -> new Socket(first.getAddress(), first.getPort()).close());
        }
        assertFalse(gateways.close("w-1"));
        assertEquals(Map.of("w-2", second), gateways.addresses());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        InetSocketAddress gateway = forwarding();
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\nPUT /second HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /third HTTP/1.1\r\nHost: a\r\n\r\n");
            assertTrue(client.read().text().contains("target=/first"));
            assertTrue(client.read().text().contains("bytes=3 "));
            assertTrue(client.read().text().contains("target=/third"));
        }
    }

    @Test
    void expectContinueForADecisionBodyIsAnsweredOnceByTheGateway() throws IOException {
        InetSocketAddress gateway = gateways.open("w-1", new ScriptedDecider(head -> true,
                asked -> new GatewayDecision.Forward(upstream.uri(), ScriptedDecider.FACTS, ScriptedDecider.PRIVATE)));
        try (HttpWire client = new HttpWire(gateway)) {
            client.send("POST / HTTP/1.1\r\nHost: sqs.us-east-1.amazonaws.com\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
            assertEquals(100, client.read().status());
            client.send("ab=c");
            HttpWire.Response response = client.read();
            assertEquals(200, response.status(), "the upstream's own 100 is not passed on a second time");
            assertTrue(response.text().contains("bytes=4 "), response.text());
            assertEquals(200, client.get("/next", "a").status());
        }
    }

    @Test
    void silentUpstreamIsA504WithinTheUpstreamTimeout() throws IOException {
        gateways.close();
        try (Gateways patient = new Gateways(GatewayConfig.defaults(events, InstantSource.fixed(NOW))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(350)))) {
            InetSocketAddress gateway = patient.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
            try (HttpWire client = new HttpWire(gateway)) {
                HttpWire.Response response = client.get("/slow?millis=3000", "s3.amazonaws.com");
                assertEquals(504, response.status());
                assertTrue(response.text().contains("sent nothing"), response.text());
            }
        }
    }

    @Test
    void upstreamClosingWithoutAnswerIsA502() throws Exception {
        try (java.net.ServerSocket rude = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (java.net.Socket accepted = rude.accept()) {
                    accepted.getInputStream().read();
                } catch (IOException ignored) {
                    // the test sees what the gateway made of it
                }
            });
            closer.start();
            InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(URI.create("http://127.0.0.1:" + rude.getLocalPort())));
            try (HttpWire client = new HttpWire(gateway)) {
                HttpWire.Response response = client.get("/k", "s3.amazonaws.com");
                assertEquals(502, response.status());
                assertTrue(response.text().contains("closed the connection without answering"), response.text());
            }
            closer.join();
        }
    }

    @Test
    void connectionEventsNameTheClientAndTheGatewayPort() throws Exception {
        List<GatewayConnectionOpenedEvent> opened = new CopyOnWriteArrayList<>();
        events.subscribe(GatewayConnectionOpenedEvent.class, opened::add);
        InetSocketAddress gateway = forwarding();
        int clientPort;
        try (HttpWire client = new HttpWire(gateway)) {
            clientPort = client.socket.getLocalPort();
            client.get("/a", "a");
            client.get("/b", "a");
        }
        waitFor(() -> closed.size() == 1);
        assertEquals(new GatewayConnectionOpenedEvent("w-1", "127.0.0.1", clientPort, gateway.getPort(), NOW), opened.get(0));
        assertEquals(2, closed.get(0).requests());
        assertEquals(clientPort, closed.get(0).clientPort());
        assertEquals(requests.get(0).bytesIn() + requests.get(1).bytesIn(), closed.get(0).bytesIn());
        assertEquals(requests.get(0).bytesOut() + requests.get(1).bytesOut(), closed.get(0).bytesOut());
    }

    @Test
    void requestOnAPooledConnectionTheUpstreamJustClosedIsSentAgain() throws Exception {
        // An upstream that answers the first request on each connection with keep-alive, then hangs up on the
        // second without a word: the race a keep-alive pool meets when the upstream closes idle connections.
        try (java.net.ServerSocket flaky = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!flaky.isClosed()) {
                    try {
                        java.net.Socket accepted = flaky.accept();
                        new Thread(() -> answerOnceThenHangUp(accepted)).start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            server.start();
            InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(URI.create("http://127.0.0.1:" + flaky.getLocalPort())));
            try (HttpWire client = new HttpWire(gateway)) {
                assertEquals(200, client.get("/first", "a").status());
                assertEquals(200, client.get("/second", "a").status(), "sent again on a new connection");
            }
        }
    }

    private static void answerOnceThenHangUp(java.net.Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            readHead(in);
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            readHead(in);
        } catch (IOException ignored) {
            // the gateway went away first
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) != -1; ) {
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    static long readHeadContentLength(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException();
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return -1;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(TestUpstream.sha256().digest(bytes));
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
