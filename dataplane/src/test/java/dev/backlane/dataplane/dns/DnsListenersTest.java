package dev.backlane.dataplane.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listeners on loopback, driven with hand-made DNS packets over UDP and TCP. */
class DnsListenersTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final Quotas quotas = Quotas.awsDefaults();
    private final VpcCommands vpcs = new VpcCommands(quotas);
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final Vpc vpc = cloud.write(SCOPE, tx -> vpcs.create(tx, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = cloud.write(SCOPE, tx -> new SubnetCommands(quotas, RegionCatalog.standard())
            .create(tx, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.1.0/24", null, "us-east-1a", null)));
    private final NetworkInterface eni = cloud.write(SCOPE, tx -> new NetworkInterfaceCommands(quotas).create(tx,
            new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), "workload", null, List.of(), 0, List.of(), 0, List.of(), null, null)));
    private final EventStream events = new EventStream();
    private final DnsListeners listeners = new DnsListeners(() -> WorldIndex.of(cloud.snapshot()), VpcDnsView.standard(), events,
            InstantSource.fixed(NOW), InetAddress.getLoopbackAddress());

    @AfterEach
    void close() {
        listeners.close();
    }

    @Test
    void udpAnswersTheVpcsViewAndLogsTheQuery() throws IOException {
        List<DnsQueryEvent> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        events.subscribe(DnsQueryEvent.class, logged::add);
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        DnsReply reply = DnsReply.parse(udp(address, DnsReply.query(0x1234, "sts.us-east-1.amazonaws.com", 1)));
        assertEquals(0x1234, reply.id());
        assertEquals(0, reply.rcode());
        assertEquals(List.of(Ipv4Address.format(ServiceAddresses.standard().address("us-east-1", "sts").orElseThrow())), reply.addresses());
        assertEquals(List.of(60), reply.ttls());
        assertEquals(1, logged.size());
        assertEquals("sts.us-east-1.amazonaws.com.", logged.get(0).queryName());
        assertEquals(vpc.id(), logged.get(0).vpcId());
        assertEquals("UDP", logged.get(0).transport());
    }

    @Test
    void tcpAnswersTheSameAsUdpOnTheSamePort() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        String hostname = eni.privateDnsName("us-east-1");
        DnsReply reply = DnsReply.parse(tcp(address, DnsReply.query(7, hostname, 1)));
        assertEquals(0, reply.rcode());
        assertEquals(List.of(eni.privateIpAddress()), reply.addresses());
        assertEquals(3, DnsReply.parse(tcp(address, DnsReply.query(8, "example.com", 1))).rcode());
    }

    @Test
    void nxdomainAndNodataAreTold() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        assertEquals(3, DnsReply.parse(udp(address, DnsReply.query(1, "example.com", 1))).rcode());
        DnsReply aaaa = DnsReply.parse(udp(address, DnsReply.query(2, "sts.us-east-1.amazonaws.com", 28)));
        assertEquals(0, aaaa.rcode());
        assertEquals(List.of(), aaaa.addresses());
    }

    @Test
    void malformedPacketsGetFormerrOrNothingAndTheListenerLivesOn() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        byte[] truncated = DnsReply.query(0x4242, "sts.us-east-1.amazonaws.com", 1);
        byte[] cut = java.util.Arrays.copyOf(truncated, 20);
        DnsReply formerr = DnsReply.parse(udp(address, cut));
        assertEquals(0x4242, formerr.id());
        assertEquals(1, formerr.rcode());
        byte[] loop = DnsReply.query(0x4343, "x", 1);
        loop[12] = (byte) 0xC0;
        loop[13] = 12;
        assertEquals(1, DnsReply.parse(udp(address, loop)).rcode());
        assertThrows(SocketTimeoutException.class, () -> udp(address, new byte[] {1, 2, 3}));
        assertEquals(1, DnsReply.parse(tcp(address, cut)).rcode());
        assertEquals(0, DnsReply.parse(udp(address, DnsReply.query(9, "sts.us-east-1.amazonaws.com", 1))).rcode());
    }

    @Test
    void theQuestionIsEchoedAsAskedAndAnsweredWhateverItsCase() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        DnsReply reply = DnsReply.parse(udp(address, DnsReply.query(11, "StS.US-East-1.AmazonAWS.com", 1)));
        assertEquals("StS.US-East-1.AmazonAWS.com", reply.question());
        assertEquals(0, reply.rcode());
        assertEquals(List.of(Ipv4Address.format(ServiceAddresses.standard().address("us-east-1", "sts").orElseThrow())), reply.addresses());
    }

    @Test
    void ednsQueriesGetAnOptRecordWithTheServersPayloadSize() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        DnsReply reply = DnsReply.parse(udp(address, DnsReply.query(12, "sts.us-east-1.amazonaws.com", 1, 4096, 0)));
        assertEquals(0, reply.rcode());
        assertEquals(DnsResponseWriter.UDP_PAYLOAD_SIZE, reply.optPayload());
        assertTrue(reply.dnssecOk(), "DO is copied (RFC 3225)");
        assertEquals(1, reply.addresses().size());
        DnsReply plain = DnsReply.parse(udp(address, DnsReply.query(13, "sts.us-east-1.amazonaws.com", 1)));
        assertEquals(-1, plain.optPayload(), "no OPT without one in the query");
    }

    @Test
    void ednsVersionsAboveZeroGetBadvers() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        DnsReply reply = DnsReply.parse(udp(address, DnsReply.query(14, "sts.us-east-1.amazonaws.com", 1, 1232, 1)));
        assertEquals(16, reply.rcode());
        assertEquals(0, reply.optVersion());
        assertEquals(List.of(), reply.addresses());
    }

    @Test
    void reverseLookupOfAnInterfaceAddressGivesItsHostname() throws IOException {
        cloud.write(SCOPE, tx -> vpcs.modifyAttribute(tx, vpc.id(), null, true, null));
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        String[] octets = eni.privateIpAddress().split("\\.");
        DnsReply reply = DnsReply.parse(udp(address, DnsReply.query(15, octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa", 12)));
        assertEquals(0, reply.rcode());
        assertEquals(List.of(eni.privateDnsName("us-east-1")), reply.targets());
        assertEquals(3, DnsReply.parse(udp(address, DnsReply.query(16, "1.1.1.1.in-addr.arpa", 12))).rcode());
    }

    @Test
    void otherOpcodesAndQuestionCountsAreRefusedWithTheirCodes() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        byte[] status = DnsReply.query(17, "sts.us-east-1.amazonaws.com", 1);
        status[2] = (byte) (2 << 3);
        DnsReply notimp = DnsReply.parse(udp(address, status));
        assertEquals(4, notimp.rcode());
        assertEquals(17, notimp.id());
        byte[] twoQuestions = DnsReply.query(18, "sts.us-east-1.amazonaws.com", 1);
        twoQuestions[5] = 2;
        assertEquals(1, DnsReply.parse(udp(address, twoQuestions)).rcode());
        byte[] chaos = DnsReply.query(19, "version.bind", 16);
        chaos[chaos.length - 1] = 3;
        assertEquals(5, DnsReply.parse(udp(address, chaos)).rcode());
    }

    @Test
    void aPreparedAnswerServesTheNameInAnyCaseAndAChangeOfTheWorldShowsInTheNextAnswer() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        assertEquals(0, DnsReply.parse(udp(address, DnsReply.query(21, "sts.us-east-1.amazonaws.com", 1))).rcode());
        DnsReply upper = DnsReply.parse(udp(address, DnsReply.query(22, "STS.US-EAST-1.AMAZONAWS.COM", 1)));
        assertEquals("STS.US-EAST-1.AMAZONAWS.COM", upper.question());
        assertEquals(1, upper.addresses().size());
        cloud.write(SCOPE, tx -> vpcs.modifyAttribute(tx, vpc.id(), false, null, null));
        assertThrows(SocketTimeoutException.class, () -> udp(address, DnsReply.query(23, "sts.us-east-1.amazonaws.com", 1)));
    }

    @Test
    void aVpcWithoutDnsSupportDoesNotAnswer() throws IOException {
        InetSocketAddress address = listeners.open(vpc.id()).orElseThrow().address();
        cloud.write(SCOPE, tx -> vpcs.modifyAttribute(tx, vpc.id(), false, null, null));
        assertThrows(SocketTimeoutException.class, () -> udp(address, DnsReply.query(3, "sts.us-east-1.amazonaws.com", 1)));
    }

    @Test
    void listenersAreOpenedOncePerVpcAndOnlyForKnownVpcs() {
        DnsListeners.Listener first = listeners.open(vpc.id()).orElseThrow();
        assertEquals(first, listeners.open(vpc.id()).orElseThrow());
        assertTrue(listeners.open("vpc-0000000000000000f").isEmpty());
        assertEquals(List.of(vpc.id()), List.copyOf(listeners.listeners().keySet()));
    }

    @Test
    void tcpConnectionsBeyondTheLimitAreClosedAndTheOthersAnswered() throws IOException {
        try (DnsListeners limited = new DnsListeners(() -> WorldIndex.of(cloud.snapshot()), VpcDnsView.standard(), events, InstantSource.fixed(NOW),
                InetAddress.getLoopbackAddress(), java.util.Optional.empty(), 2, 1, java.time.Duration.ofSeconds(1))) {
            InetSocketAddress address = limited.open(vpc.id()).orElseThrow().address();
            try (Socket first = new Socket(address.getAddress(), address.getPort()); Socket second = new Socket(address.getAddress(), address.getPort());
                    Socket third = new Socket(address.getAddress(), address.getPort())) {
                third.setSoTimeout(2000);
                assertEquals(-1, third.getInputStream().read(), "the connection over the limit is closed");
                assertEquals(0, DnsReply.parse(exchange(first, DnsReply.query(5, "sts.us-east-1.amazonaws.com", 1))).rcode());
            }
            assertEquals(0, DnsReply.parse(tcp(address, DnsReply.query(6, "sts.us-east-1.amazonaws.com", 1))).rcode());
        }
    }

    private static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        return DnsClient.udp(server, query);
    }

    private static byte[] tcp(InetSocketAddress server, byte[] query) throws IOException {
        return DnsClient.tcp(server, query);
    }

    private static byte[] exchange(Socket socket, byte[] query) throws IOException {
        return DnsClient.exchange(socket, query);
    }
}
