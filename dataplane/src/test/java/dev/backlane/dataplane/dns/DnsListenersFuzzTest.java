package dev.backlane.dataplane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random, mutated and hostile packets over UDP and TCP (compression loops, counts far past the end,
 * labels and names too long, zero-length TCP frames, frames cut short, clients that connect and never finish),
 * then the checks that matter: every reply is a well-formed response, the listener still answers good queries
 * correctly on both transports, and connections, forwards and pooled memory stay within their bounds.
 */
class DnsListenersFuzzTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String STS = "sts.us-east-1.amazonaws.com";
    private static final int MAX_TCP = 8;
    private static final int MAX_FORWARDS = 4;
    private static final long SEED = 20261207L;

    private final VpcCommands vpcs = new VpcCommands(Quotas.awsDefaults());
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final Vpc vpc = cloud.write(SCOPE, tx -> vpcs.create(tx, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final FakeUpstream upstream;
    private final DnsListeners listeners;
    private final InetSocketAddress address;
    private final SplittableRandom random = new SplittableRandom(SEED);

    DnsListenersFuzzTest() throws IOException {
        upstream = new FakeUpstream();
        listeners = new DnsListeners(() -> WorldIndex.of(cloud.snapshot()), VpcDnsView.standard(), new EventStream(), InstantSource.fixed(NOW),
                InetAddress.getLoopbackAddress(), Optional.of(upstream.address()), MAX_TCP, MAX_FORWARDS, Duration.ofMillis(200));
        address = listeners.open(vpc.id()).orElseThrow().address();
    }

    @AfterEach
    void close() {
        listeners.close();
        upstream.close();
    }

    @Test
    void randomAndMutatedDatagramsGetWellFormedRepliesOrNoneAndTheListenerAnswersOn() throws IOException {
        List<byte[]> replies = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1);
            for (int i = 0; i < 3000; i++) {
                byte[] packet = fuzzed(i);
                socket.send(new DatagramPacket(packet, packet.length, address));
                if (i % 20 == 19) {
                    drain(socket, replies);
                }
                assertTrue(listeners.outstandingForwards() <= MAX_FORWARDS);
            }
            socket.setSoTimeout(500);
            drain(socket, replies);
        }
        assertTrue(replies.size() > 500, "many of the packets were answered: " + replies.size());
        for (byte[] reply : replies) {
            assertTrue(reply.length >= DnsQuery.HEADER_BYTES, "a reply has a whole header");
            assertTrue((reply[2] & 0x80) != 0, "a reply is a response");
            assertTrue(reply.length <= DnsResponseWriter.UDP_PAYLOAD_SIZE, "a reply fits the UDP limit: " + reply.length);
        }
        answersWell();
        assertTrue(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() < 64L << 20, "pooled direct memory stays small");
    }

    @Test
    void hostileTcpClientsAreClosedOrAnsweredAndNeverHoldMoreThanTheLimit() throws IOException {
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                byte[] body = fuzzed(i);
                switch (i % 4) {
                    case 0 -> out.write(new byte[] {0, 0});
                    case 1 -> out.write(frame(body, body.length + 1 + random.nextInt(100)));
                    case 2 -> out.write(frame(body, body.length));
                    default -> out.write(random.nextInt(256));
                }
                out.flush();
                socket.shutdownOutput();
                // The server answers the whole frames it can and closes once the client is done.
                int read = 0;
                while (read >= 0) {
                    read = socket.getInputStream().read();
                }
            } catch (SocketTimeoutException stuck) {
                throw new AssertionError("the listener neither answered nor closed connection " + i, stuck);
            }
        }
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * MAX_TCP; i++) {
                Socket socket = new Socket(address.getAddress(), address.getPort());
                socket.getOutputStream().write(0);
                slow.add(socket);
            }
            waitFor(() -> listeners.openTcpConnections() == MAX_TCP);
            assertEquals(MAX_TCP, listeners.openTcpConnections(), "slow clients beyond the limit are closed");
            assertEquals(0, DnsReply.parse(DnsClient.udp(address, DnsReply.query(77, STS, 1))).rcode(), "UDP answers while TCP is full");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        waitFor(() -> listeners.openTcpConnections() == 0);
        answersWell();
    }

    private void answersWell() throws IOException {
        String sts = Ipv4Address.format(ServiceAddresses.standard().address("us-east-1", "sts").orElseThrow());
        DnsReply udp = DnsReply.parse(DnsClient.udp(address, DnsReply.query(4242, STS, 1)));
        assertEquals(4242, udp.id());
        assertEquals(List.of(sts), udp.addresses());
        DnsReply tcp = DnsReply.parse(DnsClient.tcp(address, DnsReply.query(4343, STS, 1, 1232, 0)));
        assertEquals(4343, tcp.id());
        assertEquals(List.of(sts), tcp.addresses());
        assertEquals(3, DnsReply.parse(DnsClient.udp(address, DnsReply.query(4444, "ip-10-0-9-9.ec2.internal", 1))).rcode());
    }

    /** The i-th packet: random bytes, a mutated good query, a cut one, or one of the hostile shapes. */
    private byte[] fuzzed(int i) {
        byte[] good = DnsReply.query(random.nextInt(0x10000), pick(), pickType(), random.nextBoolean() ? -1 : random.nextInt(0x10000),
                random.nextInt(3) == 0 ? random.nextInt(256) : 0);
        return switch (i % 6) {
            case 0 -> bytes(random.nextInt(600));
            case 1 -> {
                byte[] mutated = good.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                yield mutated;
            }
            case 2 -> Arrays.copyOf(good, random.nextInt(good.length + 1));
            case 3 -> {
                byte[] loop = good.clone();
                loop[12] = (byte) 0xC0;
                loop[13] = 12;
                yield loop;
            }
            case 4 -> {
                byte[] counts = good.clone();
                for (int at = 4; at < 12; at++) {
                    counts[at] = (byte) 0xFF;
                }
                yield counts;
            }
            default -> {
                byte[] longName = new byte[12 + 5 * 64 + 5];
                System.arraycopy(good, 0, longName, 0, 12);
                for (int label = 0; label < 5; label++) {
                    longName[12 + label * 64] = 63;
                    Arrays.fill(longName, 13 + label * 64, 12 + (label + 1) * 64, (byte) 'a');
                }
                yield longName;
            }
        };
    }

    private String pick() {
        String[] names = {STS, "StS.Us-EaSt-1.AmAzOnAwS.CoM", "www.example.org", "silent.example.org", "big.example.org", "1.0.0.10.in-addr.arpa",
            "", "a.b.c.d.e.f.g"};
        return names[random.nextInt(names.length)];
    }

    private int pickType() {
        int[] types = {1, 28, 12, 255, 16, 41, random.nextInt(0x10000)};
        return types[random.nextInt(types.length)];
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] frame(byte[] body, int declared) {
        byte[] framed = new byte[2 + body.length];
        framed[0] = (byte) (declared >> 8);
        framed[1] = (byte) declared;
        System.arraycopy(body, 0, framed, 2, body.length);
        return framed;
    }

    private static void drain(DatagramSocket socket, List<byte[]> replies) throws IOException {
        while (true) {
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException none) {
                return;
            }
            replies.add(Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
