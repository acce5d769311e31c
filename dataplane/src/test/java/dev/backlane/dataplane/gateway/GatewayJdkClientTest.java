package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK's own HTTP client through a gateway, both ways a workload's programs are pointed at it: as the endpoint and as the HTTP proxy. */
class GatewayJdkClientTest {
    private final Gateways gateways = new Gateways(GatewayConfig.defaults(new EventStream(), InstantSource.system()));
    private final TestUpstream upstream;
    private final InetSocketAddress gateway;

    GatewayJdkClientTest() throws IOException {
        upstream = new TestUpstream();
        gateway = gateways.open("w-1", ScriptedDecider.forwardingTo(upstream.uri()));
    }

    @AfterEach
    void stop() {
        gateways.close();
        upstream.close();
    }

    @Test
    void clientUsingTheGatewayAsItsEndpointStreamsAChunkedUpload() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long size = 10L * 1024 * 1024;
        MessageDigest digest = TestUpstream.sha256();
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + "/bucket/key"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(size, digest))).build();
        HttpResponse<String> response = client.send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("bytes=" + size + " sha256=" + HexFormat.of().formatHex(digest.digest())), response.body());
        assertEquals("chunked", upstream.last().header("Transfer-Encoding"));
    }

    @Test
    void clientUsingTheGatewayAsItsHttpProxyReachesTheUpstream() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).proxy(ProxySelector.of(gateway)).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://bucket.s3.amazonaws.com/key-" + i + "?acl")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("target=/key-" + i + "?acl"), response.body());
        }
        assertEquals("bucket.s3.amazonaws.com", upstream.last().header("Host"));
    }

    /** The test pattern as a stream of the given length, digested as it is read. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long offset;

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) {
            if (offset >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - offset);
            for (int i = 0; i < n; i++) {
                buffer[from + i] = Patterns.at(offset + i);
            }
            digest.update(buffer, from, n);
            offset += n;
            return n;
        }
    }
}
