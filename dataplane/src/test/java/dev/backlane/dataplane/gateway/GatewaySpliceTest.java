package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.GatewayConnectionClosedEvent;
import dev.backlane.core.event.GatewayRequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Long Content-Length bodies, which the gateway moves between its sockets with splice(2) on Linux (elsewhere it
 * copies them, and these tests hold just the same): the bytes arrive whole, are counted in the events, and both
 * connections go on carrying requests afterwards.
 */
class GatewaySpliceTest {
    private static final int SIZE = 8 * 1024 * 1024;

    private final EventStream events = new EventStream();
    private final List<GatewayRequestEvent> requests = new CopyOnWriteArrayList<>();
    private final List<GatewayConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
    private final Gateways gateways = new Gateways(GatewayConfig.defaults(events, InstantSource.system()));
    private final TestUpstream upstream;

    GatewaySpliceTest() throws IOException {
        upstream = new TestUpstream();
        events.subscribe(GatewayRequestEvent.class, requests::add);
        events.subscribe(GatewayConnectionClosedEvent.class, closed::add);
    }

    @AfterEach
    void stop() {
        gateways.close();
        upstream.close();
    }

    @Test
    void longBodiesArriveWholeAreCountedAndLeaveBothConnectionsUsable() throws Exception {
        InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
        String putHead = "PUT /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: " + SIZE + "\r\n\r\n";
        String getHead = "GET /download?bytes=" + SIZE + " HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n";
        long downloadWireBytes;
        HttpWire.Response after;
        try (HttpWire client = new HttpWire(gateway, 30_000)) {
            HttpWire.Response before = client.get("/before", "s3.amazonaws.com");
            assertEquals(200, before.status());
            // The head and the body's start in one write, so one read brings both, on a pooled upstream connection
            // lent at once: the splice must take only what the decoder did not.
            MessageDigest digest = TestUpstream.sha256();
            ByteArrayOutputStream put1 = new ByteArrayOutputStream();
            put1.writeBytes(putHead.getBytes(StandardCharsets.ISO_8859_1));
            sendPattern(put1, digest);
            client.send(put1.toByteArray());
            HttpWire.Response put = client.read();
            assertEquals(200, put.status());
            assertTrue(put.text().contains("bytes=" + SIZE + " sha256=" + HexFormat.of().formatHex(digest.digest())), put.text());

            client.send(getHead);
            downloadWireBytes = readPatternAnswer(client.input());

            after = client.get("/after", "s3.amazonaws.com");
            assertEquals(200, after.status());
            assertTrue(after.text().contains("bytes=0 ") && after.text().contains("target=/after"), after.text());
            assertEquals(1, upstream.clientPorts.size(), "one upstream connection carried all four requests");

            GatewayForwardingTest.waitFor(() -> requests.size() == 4);
            assertEquals(before.wireBytes(), requests.get(0).bytesOut());
            assertEquals(putHead.length() + SIZE, requests.get(1).bytesIn());
            assertEquals(put.wireBytes(), requests.get(1).bytesOut());
            assertEquals(getHead.length(), requests.get(2).bytesIn());
            assertEquals(downloadWireBytes, requests.get(2).bytesOut());
            assertEquals(after.wireBytes(), requests.get(3).bytesOut());
        }
        GatewayForwardingTest.waitFor(() -> closed.size() == 1);
        assertEquals(requests.stream().mapToLong(GatewayRequestEvent::bytesIn).sum(), closed.get(0).bytesIn());
        assertEquals(requests.stream().mapToLong(GatewayRequestEvent::bytesOut).sum(), closed.get(0).bytesOut());
    }

    @Test
    void requestSentRightBehindALongBodyIsAnsweredInTurn() throws Exception {
        InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
        try (HttpWire client = new HttpWire(gateway, 30_000)) {
            MessageDigest digest = TestUpstream.sha256();
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(("PUT /first HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: " + SIZE + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            sendPattern(both, digest);
            both.writeBytes("GET /second HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            // Written from another thread: the gateway answers the first while the second is still on its way.
            Thread writer = new Thread(() -> {
                try {
                    client.send(both.toByteArray());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            HttpWire.Response first = client.read();
            assertTrue(first.text().contains("bytes=" + SIZE + " sha256=" + HexFormat.of().formatHex(digest.digest())), first.text());
            HttpWire.Response second = client.read();
            assertTrue(second.text().contains("target=/second"), second.text());
            writer.join();
        }
    }

    @Test
    void answerToHeadWithALongContentLengthHasNoBody() throws Exception {
        // S3's HeadObject names the object's length; the body it describes never comes, and the next answer follows.
        try (ServerSocket raw = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = raw.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    readHead(in);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + SIZE + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    readHead(in);
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    readHead(in);
                } catch (IOException ignored) {
                    // the gateway went away first
                }
            });
            server.start();
            InetSocketAddress gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(URI.create("http://127.0.0.1:" + raw.getLocalPort())));
            try (HttpWire client = new HttpWire(gateway)) {
                client.send("HEAD /bucket/key HTTP/1.1\r\nHost: s3.amazonaws.com\r\n\r\n");
                HttpWire.Response head = client.read(true);
                assertEquals(200, head.status());
                assertEquals(String.valueOf(SIZE), head.header("content-length"));
                HttpWire.Response next = client.get("/next", "s3.amazonaws.com");
                assertEquals("after", next.text());
            }
        }
    }

    private static void sendPattern(OutputStream out, MessageDigest digest) throws IOException {
        byte[] block = new byte[256 * 1024];
        for (long sent = 0; sent < SIZE; sent += block.length) {
            Patterns.fill(block, sent, block.length);
            digest.update(block);
            out.write(block);
        }
        out.flush();
    }

    /** Reads an answer of SIZE pattern bytes, checking each, and returns its length on the wire. */
    private static long readPatternAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        assertTrue(head.toString().toLowerCase().contains("content-length: " + SIZE), head.toString());
        byte[] buffer = new byte[64 * 1024];
        for (long offset = 0; offset < SIZE; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, SIZE - offset));
            for (int i = 0; i < n; i++) {
                if (buffer[i] != Patterns.at(offset + i)) {
                    throw new AssertionError("byte " + (offset + i) + " differs");
                }
            }
            offset += n;
        }
        return head.length() + SIZE;
    }

    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) != -1; ) {
            head.append((char) b);
        }
    }
}
