package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.EventStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random SOCKS5 handshakes (a version byte, then noise, sometimes near a real greeting): the gateway answers each
 * with a reply of the protocol or closes, within the handshake timeout, and stays usable.
 */
class GatewayTunnelFuzzTest {
    private final Gateways gateways = new Gateways(GatewayConfig.defaults(new EventStream(), InstantSource.fixed(Instant.EPOCH))
            .withBlockedTraffic(BlockedTraffic.ERROR).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(2)));
    private final InetSocketAddress gateway = gateways.open("w-1", new TunnelDecider(request -> new TunnelDecision.Refuse(
            TunnelDecision.Refusal.HOST_UNREACHABLE, "fuzz", Optional.empty(), Optional.empty())));

    @AfterEach
    void stop() {
        gateways.close();
    }

    private static byte[] noise(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(random.nextBoolean() ? 16 : 700)];
        random.nextBytes(bytes);
        bytes[0] = 5;
        if (random.nextInt(3) == 0 && bytes.length > 4) {
            // A valid greeting, then noise where the request goes.
            bytes[1] = 1;
            bytes[2] = 0;
            bytes[3] = 5;
        }
        return bytes;
    }

    @Test
    void everyMalformedHandshakeEndsPromptlyAndTheGatewayStillServes() throws IOException {
        Random random = new Random(12);
        for (int i = 0; i < 300; i++) {
            byte[] sent = noise(random);
            try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(sent);
                socket.shutdownOutput();
                byte[] answer = readToEnd(socket.getInputStream());
                assertTrue(answer.length <= 2 + 2 + 10, "at most a method choice, an authentication status and one reply: " + answer.length);
                if (answer.length > 0) {
                    assertEquals(5, answer[0], "a SOCKS5 answer");
                }
            }
        }
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(new byte[] {5, 1, 0, 5, 1, 0, 1, 10, 0, 0, 1, 0, 80});
            assertArrayEquals(new byte[] {5, 0, 5, 4, 0, 1, 0, 0, 0, 0, 0, 0}, socket.getInputStream().readNBytes(12));
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException reset) {
            // A reset ends it too.
        }
        return all.toByteArray();
    }
}
