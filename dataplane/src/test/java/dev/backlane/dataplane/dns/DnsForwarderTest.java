package dev.backlane.dataplane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder the user configures, against a tiny upstream server of the test's own. */
class DnsForwarderTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final VpcCommands vpcs = new VpcCommands(Quotas.awsDefaults());
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final Vpc vpc = cloud.write(SCOPE, tx -> vpcs.create(tx, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final FakeUpstream upstream;
    private DnsListeners listeners;

    DnsForwarderTest() throws IOException {
        upstream = new FakeUpstream();
    }

    @AfterEach
    void close() {
        if (listeners != null) {
            listeners.close();
        }
        upstream.close();
    }

    @Test
    void namesOutsideTheViewAreAnsweredByTheForwarderUnderTheClientsId() throws IOException {
        InetSocketAddress address = open(Optional.of(upstream.address()), 16, Duration.ofSeconds(2));
        DnsReply reply = DnsReply.parse(DnsClient.udp(address, DnsReply.query(0x2a2a, "www.Example.org", 1)));
        assertEquals(0x2a2a, reply.id());
        assertEquals(0, reply.rcode());
        assertEquals(List.of(FakeUpstream.ADDRESS), reply.addresses());
        assertEquals(1, upstream.received().size());
        assertEquals("www.Example.org", DnsReply.parse(upstream.received().get(0)).question());
        DnsReply overTcp = DnsReply.parse(DnsClient.tcp(address, DnsReply.query(0x2b2b, "www.example.org", 1)));
        assertEquals(List.of(FakeUpstream.ADDRESS), overTcp.addresses());
    }

    @Test
    void namesTheViewOwnsAreNeverForwarded() throws IOException {
        InetSocketAddress address = open(Optional.of(upstream.address()), 16, Duration.ofSeconds(2));
        assertEquals(0, DnsReply.parse(DnsClient.udp(address, DnsReply.query(1, "sts.us-east-1.amazonaws.com", 1))).rcode());
        assertEquals(3, DnsReply.parse(DnsClient.udp(address, DnsReply.query(2, "ip-10-0-9-9.ec2.internal", 1))).rcode());
        assertEquals(List.of(), upstream.received());
    }

    @Test
    void withoutAForwarderNothingLeavesAndOtherNamesAreNxdomain() throws IOException {
        InetSocketAddress address = open(Optional.empty(), 16, Duration.ofSeconds(2));
        assertEquals(3, DnsReply.parse(DnsClient.udp(address, DnsReply.query(3, "www.example.org", 1))).rcode());
        assertEquals(List.of(), upstream.received());
    }

    @Test
    void aSilentUpstreamGivesServfailAfterTheTimeout() throws IOException {
        InetSocketAddress address = open(Optional.of(upstream.address()), 16, Duration.ofMillis(300));
        DnsReply reply = DnsReply.parse(DnsClient.udp(address, DnsReply.query(4, "silent.example.org", 1)));
        assertEquals(4, reply.id());
        assertEquals(2, reply.rcode());
    }

    @Test
    void forwardsBeyondTheLimitGetServfailAtOnce() throws IOException {
        InetSocketAddress address = open(Optional.of(upstream.address()), 1, Duration.ofSeconds(30));
        try (DatagramSocket waiting = new DatagramSocket()) {
            byte[] first = DnsReply.query(5, "silent-1.example.org", 1);
            waiting.send(new DatagramPacket(first, first.length, address));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (upstream.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, upstream.received().size(), "the first query is waiting upstream");
            DnsReply second = DnsReply.parse(DnsClient.udp(address, DnsReply.query(6, "www.example.org", 1)));
            assertEquals(2, second.rcode());
            assertEquals(1, upstream.received().size(), "the second query was not sent");
        }
    }

    @Test
    void aBigForwardedAnswerIsTruncatedOverUdpAndWholeOverTcp() throws IOException {
        InetSocketAddress address = open(Optional.of(upstream.address()), 16, Duration.ofSeconds(2));
        DnsReply udp = DnsReply.parse(DnsClient.udp(address, DnsReply.query(7, "big.example.org", 1)));
        assertTrue(udp.truncated());
        assertEquals(0, udp.answerCount());
        assertEquals("big.example.org", udp.question());
        DnsReply tcp = DnsReply.parse(DnsClient.tcp(address, DnsReply.query(8, "big.example.org", 1)));
        assertEquals(FakeUpstream.BIG, tcp.addresses().size());
        assertEquals(8, tcp.id());
    }

    private InetSocketAddress open(Optional<InetSocketAddress> forwarder, int maxForwards, Duration timeout) {
        listeners = new DnsListeners(() -> WorldIndex.of(cloud.snapshot()), VpcDnsView.standard(), new EventStream(), InstantSource.fixed(NOW),
                InetAddress.getLoopbackAddress(), forwarder, DnsListeners.MAX_TCP_CONNECTIONS, maxForwards, timeout);
        return listeners.open(vpc.id()).orElseThrow().address();
    }
}
