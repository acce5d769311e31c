package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkConnectionRefusedEvent;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Real connections through PrivateLink across two accounts: the provider's endpoint service behind a network load
 * balancer with two listeners — 443 to an HTTPS server whose target group sends Proxy Protocol v2, 7000 to a raw
 * TCP echo — each target an IP target whose socket is mapped with {@code /_backlane/targets}; the consumer's
 * interface endpoint and a workload beside it. The JDK's {@link HttpClient} goes through the workload's gateway as
 * its HTTPS proxy (CONNECT), a {@link Socket} through it as a SOCKS5 proxy, {@code curl} through {@code backlane run};
 * an endpoint waiting for acceptance, then rejected, is refused; an open connection is reset when its endpoint is
 * rejected or deleted. Blocked traffic is answered at once here
 * ({@code --blocked-traffic=error}).
 */
class PrivateLinkTunnelIT {
    private static final Path SCRIPT = Path.of("..", "backlane").toAbsolutePath().normalize();
    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final char[] SECRET = "backlane".toCharArray();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests().withTransitions(TransitionTimes.instant())
            .withBlockedTraffic(BlockedTraffic.ERROR));

    @TempDir
    static Path directory;

    private static final List<PrivateLinkConnectionOpenedEvent> opened = new CopyOnWriteArrayList<>();
    private static final List<PrivateLinkConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
    private static final List<PrivateLinkConnectionRefusedEvent> refused = new CopyOnWriteArrayList<>();
    private static final List<String> endpointIdsSeen = new CopyOnWriteArrayList<>();
    private static final List<ServerSocket> targets = new ArrayList<>();

    private static Ec2Client provider;
    private static Ec2Client consumer;
    private static String serviceId;
    private static String consumerSubnet;
    private static String endpointId;
    private static String endpointName;
    private static String echoAddress;
    private static String workloadAddress;
    private static InetSocketAddress gateway;
    private static SSLContext tls;

    @BeforeAll
    static void topology() throws Exception {
        backlane.server().events().subscribe(PrivateLinkConnectionOpenedEvent.class, opened::add);
        backlane.server().events().subscribe(PrivateLinkConnectionClosedEvent.class, closed::add);
        backlane.server().events().subscribe(PrivateLinkConnectionRefusedEvent.class, refused::add);
        provider = backlane.ec2(PROVIDER);
        ElasticLoadBalancingV2Client elb = backlane.elb(PROVIDER);
        Subnet zone = provider.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .min(Comparator.comparing(Subnet::availabilityZoneId)).orElseThrow();
        String vpcId = zone.vpcId();
        String loadBalancerArn = elb.createLoadBalancer(r -> r.name("saas").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(zone.subnetId())).loadBalancers().get(0).loadBalancerArn();
        String targetsGroup = provider.createSecurityGroup(r -> r.groupName("targets").description("targets").vpcId(vpcId)).groupId();
        provider.authorizeSecurityGroupIngress(r -> r.groupId(targetsGroup).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(8080)
                .toPort(9000).ipRanges(IpRange.builder().cidrIp("172.31.0.0/16").build()).build()));
        String webAddress = provider.createNetworkInterface(r -> r.subnetId(zone.subnetId()).groups(targetsGroup)).networkInterface().privateIpAddress();
        echoAddress = provider.createNetworkInterface(r -> r.subnetId(zone.subnetId()).groups(targetsGroup)).networkInterface().privateIpAddress();
        String web = targetGroup(elb, loadBalancerArn, vpcId, "web", 443, webAddress, 8080);
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(web).attributes(TargetGroupAttribute.builder().key("proxy_protocol_v2.enabled")
                .value("true").build()));
        targetGroup(elb, loadBalancerArn, vpcId, "echo", 7000, echoAddress, 9000);
        String resetAddress = provider.createNetworkInterface(r -> r.subnetId(zone.subnetId()).groups(targetsGroup)).networkInterface().privateIpAddress();
        // Port 9000 as the echo target's: the targets' security group lets in 8080-9000.
        targetGroup(elb, loadBalancerArn, vpcId, "resets", 7001, resetAddress, 9000);
        serviceId = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(loadBalancerArn).acceptanceRequired(false))
                .serviceConfiguration().serviceId();
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));

        consumer = backlane.ec2(CONSUMER);
        Subnet beside = consumer.describeSubnets(r -> r.filters(filter("default-for-az", "true"),
                filter("availability-zone-id", zone.availabilityZoneId()))).subnets().get(0);
        consumerSubnet = beside.subnetId();
        VpcEndpoint endpoint = endpoint(beside.vpcId());
        endpointId = endpoint.vpcEndpointId();
        endpointName = endpoint.dnsEntries().get(0).dnsName();

        tls = tls(endpointName);
        map(vpcId, webAddress, 8080, start(PrivateLinkTunnelIT::serveHttpsAfterProxyProtocol));
        map(vpcId, echoAddress, 9000, start(TcpTarget.ECHO));
        // A target that resets every connection once it has read a byte: SO_LINGER 0 makes the close a RST.
        map(vpcId, resetAddress, 9000, start(connection -> {
            connection.getInputStream().read();
            connection.setSoLinger(true, 0);
        }));

        JsonNode workload = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/workloads",
                "{\"account\": \"" + CONSUMER + "\", \"subnetId\": \"" + consumerSubnet + "\"}").body());
        workloadAddress = workload.path("privateIpAddress").asText();
        gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), workload.path("gateway").path("port").asInt());
    }

    @AfterAll
    static void stopTargets() throws IOException {
        for (ServerSocket target : targets) {
            target.close();
        }
    }

    private static VpcEndpoint endpoint(String vpcId) {
        String serviceName = provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0).serviceName();
        return consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpcId).serviceName(serviceName)
                .subnetIds(consumerSubnet)).vpcEndpoint();
    }

    private static String targetGroup(ElasticLoadBalancingV2Client elb, String loadBalancerArn, String vpcId, String name, int listenerPort,
            String address, int port) {
        String arn = elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.TCP).port(port).vpcId(vpcId).targetType(TargetTypeEnum.IP))
                .targetGroups().get(0).targetGroupArn();
        elb.registerTargets(r -> r.targetGroupArn(arn).targets(TargetDescription.builder().id(address).port(port).build()));
        elb.createListener(r -> r.loadBalancerArn(loadBalancerArn).protocol(ProtocolEnum.TCP).port(listenerPort)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(arn).build()));
        return arn;
    }

    /** Maps the target's address and port in the provider's VPC to the local socket, as a provider's program would. */
    private static void map(String vpcId, String address, int port, int hostPort) {
        HttpResponse<String> mapped = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/targets", "{\"account\": \"%s\", \"vpcId\": \"%s\", \"address\": \"%s\", \"port\": %d, \"hostPort\": %d}"
                .formatted(PROVIDER, vpcId, address, port, hostPort));
        assertEquals(201, mapped.statusCode(), mapped.body());
    }

    private static int start(TcpTarget.Serve serve) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        targets.add(listener);
        TcpTarget.serve(listener, serve);
        return listener.getLocalPort();
    }

    /**
     * The provider's HTTPS server behind an NLB with Proxy Protocol v2: it reads the header first (and keeps the VPC
     * endpoint ID from AWS's TLV), then speaks TLS and answers one request with the consumer's address and endpoint.
     */
    private static void serveHttpsAfterProxyProtocol(Socket connection) throws IOException {
        DataInputStream in = new DataInputStream(connection.getInputStream());
        byte[] fixed = in.readNBytes(16);
        byte[] rest = in.readNBytes(((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF));
        String source = (rest[0] & 0xFF) + "." + (rest[1] & 0xFF) + "." + (rest[2] & 0xFF) + "." + (rest[3] & 0xFF);
        String vpce = "";
        for (int at = 12; at + 3 <= rest.length; ) {
            int type = rest[at] & 0xFF;
            int length = ((rest[at + 1] & 0xFF) << 8) | (rest[at + 2] & 0xFF);
            if (type == 0xEA && rest[at + 3] == 0x01) {
                vpce = new String(rest, at + 4, length - 1, StandardCharsets.US_ASCII);
            }
            at += 3 + length;
        }
        endpointIdsSeen.add(vpce);
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(connection, null, true);
        InputStream request = secure.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = request.read();
            if (b == -1) {
                return;
            }
            head.write(b);
        }
        byte[] body = ("hello " + source + " through " + vpce).getBytes(StandardCharsets.UTF_8);
        OutputStream out = secure.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        secure.close();
    }

    /** A key and self-signed certificate for the endpoint's name (made with the JDK's keytool), trusted by the test's clients. */
    private static SSLContext tls(String name) throws Exception {
        Path store = directory.resolve("target.p12");
        ExternalProgram.Result made = ExternalProgram.require("keytool").run(directory, Map.of(), Duration.ofSeconds(60), List.of("-genkeypair",
                "-alias", "target", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(SECRET), "-keypass", new String(SECRET)));
        assertEquals(0, made.exitCode(), made.describe());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, SECRET);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, SECRET);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        Files.write(directory.resolve("target.pem"), ("-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getCertificate("target").getEncoded())
                + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII));
        return context;
    }

    @Test
    void theJdkHttpClientReachesTheProvidersHttpsServerThroughConnectAndItSeesTheEndpointId() throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(gateway)).sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://" + endpointName + "/")).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().endsWith(" through " + endpointId), response.body());
        assertTrue(response.body().startsWith("hello " + workloadAddress + " "), "the Proxy Protocol source is the consumer's address: " + response.body());
        assertTrue(endpointIdsSeen.contains(endpointId));
    }

    @Test
    void aRawTcpEchoGoesThroughSocks5AndIsOneEventEachWay() throws Exception {
        byte[] sent = "ping over privatelink".getBytes(StandardCharsets.US_ASCII);
        int sourcePort;
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, gateway))) {
            socket.connect(InetSocketAddress.createUnresolved(endpointName, 7000), 10_000);
            socket.setSoTimeout(10_000);
            sourcePort = socket.getLocalPort();
            socket.getOutputStream().write(sent);
            socket.shutdownOutput();
            assertEquals(new String(sent, StandardCharsets.US_ASCII), new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        waitFor(() -> closed.stream().anyMatch(event -> event.flow().sourcePort() == sourcePort));
        PrivateLinkConnectionClosedEvent event = closed.stream().filter(one -> one.flow().sourcePort() == sourcePort).findFirst().orElseThrow();
        assertEquals(endpointId, event.flow().endpointId());
        assertEquals(serviceId, event.flow().serviceId());
        assertEquals(PROVIDER, event.flow().serviceAccount());
        assertEquals(echoAddress, event.flow().targetAddress().orElseThrow());
        assertEquals(9000, event.flow().targetPort().orElseThrow());
        assertEquals(sent.length, event.bytesFromConsumer());
        assertEquals(sent.length, event.bytesToConsumer());
        assertEquals(PrivateLinkConnectionClosedEvent.Cause.CONSUMER_CLOSED, event.cause());
        assertTrue(opened.stream().anyMatch(one -> one.flow().equals(event.flow())));
    }

    @Test
    void curlThroughBacklaneRunReachesTheServiceByItsEndpointName() {
        ExternalProgram.Result result = ExternalProgram.at(SCRIPT).run(directory, Map.of("AWS_ACCESS_KEY_ID", CONSUMER, "AWS_SECRET_ACCESS_KEY", "test"),
                Duration.ofSeconds(120), List.of("run", "--endpoint-url", backlane.endpoint(), "--account", CONSUMER, "--subnet", consumerSubnet, "--",
                        "curl", "-sS", "--max-time", "20", "--cacert", directory.resolve("target.pem").toString(), "https://" + endpointName + "/"));

        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains(" through " + endpointId), result.describe());
    }

    @Test
    void anEndpointAwaitingAcceptanceThenRejectedIsRefused() throws Exception {
        provider.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(serviceId).acceptanceRequired(true));
        String vpcId = consumer.describeSubnets(r -> r.subnetIds(consumerSubnet)).subnets().get(0).vpcId();
        VpcEndpoint pending = endpoint(vpcId);
        String pendingName = pending.dnsEntries().get(0).dnsName();

        assertEquals(0x02, socksReply(pendingName, 7000), "not allowed: the endpoint waits for acceptance");
        waitFor(() -> refused.stream().anyMatch(event -> event.flow().endpointId().equals(pending.vpcEndpointId())));
        assertEquals("ENDPOINT_PENDING_ACCEPTANCE", refused.stream().filter(event -> event.flow().endpointId().equals(pending.vpcEndpointId()))
                .findFirst().orElseThrow().explanationCode());

        provider.rejectVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(pending.vpcEndpointId()));
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(gateway)).sslContext(tls).build();
        IOException failed = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(
                URI.create("https://" + pendingName + "/")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(String.valueOf(failed.getMessage()).contains("504"), "the CONNECT was answered 504: " + failed.getMessage());
        waitFor(() -> refused.stream().anyMatch(event -> event.explanationCode().equals("ENDPOINT_REJECTED")));
    }

    @Test
    void rejectingTheEndpointResetsItsOpenConnection() throws Exception {
        VpcEndpoint own = acceptedEndpoint();
        try (Socket socket = echoThrough(own)) {
            provider.rejectVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(own.vpcEndpointId()));
            assertReset(socket);
        }
        assertEquals(PrivateLinkConnectionClosedEvent.Cause.ENDPOINT_REJECTED, closedThrough(own).cause());
    }

    @Test
    void deletingTheEndpointResetsItsOpenConnection() throws Exception {
        VpcEndpoint own = acceptedEndpoint();
        try (Socket socket = echoThrough(own)) {
            consumer.deleteVpcEndpoints(r -> r.vpcEndpointIds(own.vpcEndpointId()));
            assertReset(socket);
        }
        assertEquals(PrivateLinkConnectionClosedEvent.Cause.ENDPOINT_DELETED, closedThrough(own).cause());
    }

    @Test
    void refusedAndTargetResetConnectionsCountInTheResetsAndDropsPanelsJson() throws Exception {
        // Refused: the consumer's connection through an endpoint still waiting for the provider's acceptance.
        provider.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(serviceId).acceptanceRequired(true));
        VpcEndpoint pending = endpoint(consumer.describeSubnets(r -> r.subnetIds(consumerSubnet)).subnets().get(0).vpcId());
        assertEquals(0x02, socksReply(pending.dnsEntries().get(0).dnsName(), 7000), "not allowed: the endpoint waits for acceptance");
        // Reset: a connection through the accepted endpoint to a target that resets it.
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, gateway))) {
            socket.connect(InetSocketAddress.createUnresolved(endpointName, 7001), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write('x');
            assertReset(socket);
        }
        waitFor(() -> privateLinkEvents().stream().anyMatch(event -> event.path("via").asText().equals(endpointId)
                && event.path("cause").asText().equals("TARGET_RESET")));
        List<JsonNode> events = privateLinkEvents();
        JsonNode refusal = events.stream().filter(event -> event.path("via").asText().equals(pending.vpcEndpointId())).findFirst().orElseThrow();
        // The gateway refuses in error mode with a SOCKS failure, not a reset: the endpoint counts a dropped connection.
        assertEquals("PacketsDropped", refusal.path("metric").asText(), refusal.toString());
        assertEquals("ENDPOINT_PENDING_ACCEPTANCE", refusal.path("explanationCode").asText());
        JsonNode reset = events.stream().filter(event -> event.path("via").asText().equals(endpointId)
                && event.path("cause").asText().equals("TARGET_RESET")).findFirst().orElseThrow();
        assertEquals("RstPacketsReceived", reset.path("metric").asText(), reset.toString());
        assertEquals(7001, reset.path("port").asInt());
        assertTrue(reset.path("workloadId").asText().startsWith("wl-"), reset.toString());
        // The same connections in the endpoint's PrivateLink metrics, as Prometheus scrapes them.
        String metrics = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/metrics", null).body();
        assertTrue(counter(metrics, "backlane_privatelink_endpoint_packets_dropped_total", pending.vpcEndpointId()) >= 1, metrics);
        assertTrue(counter(metrics, "backlane_privatelink_endpoint_rst_packets_received_total", endpointId) >= 1, metrics);
    }

    private static List<JsonNode> privateLinkEvents() {
        JsonNode answer = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/events?kind=privatelink&limit=1000", null)
                .body());
        List<JsonNode> events = new ArrayList<>();
        answer.path("events").forEach(events::add);
        return events;
    }

    /** The sum of a Prometheus counter's series that carry the endpoint's ID. */
    private static double counter(String metrics, String name, String endpoint) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains("\"" + endpoint + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** An endpoint of the test's own, accepted at once, so that cutting it touches no other test's. */
    private static VpcEndpoint acceptedEndpoint() {
        provider.modifyVpcEndpointServiceConfiguration(r -> r.serviceId(serviceId).acceptanceRequired(false));
        return endpoint(consumer.describeSubnets(r -> r.subnetIds(consumerSubnet)).subnets().get(0).vpcId());
    }

    /** A SOCKS5 tunnel through the endpoint to the echo target, with one round trip made. */
    private static Socket echoThrough(VpcEndpoint endpoint) throws IOException {
        Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, gateway));
        socket.connect(InetSocketAddress.createUnresolved(endpoint.dnsEntries().get(0).dnsName(), 7000), 10_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write('x');
        assertEquals('x', socket.getInputStream().read());
        return socket;
    }

    /** The gateway resets the tunnel: the read fails with a reset, or (when the reset raced the read) ends. */
    static void assertReset(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "no byte after the cut");
        } catch (java.net.SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
        }
    }

    private static PrivateLinkConnectionClosedEvent closedThrough(VpcEndpoint endpoint) throws InterruptedException {
        waitFor(() -> closed.stream().anyMatch(event -> event.flow().endpointId().equals(endpoint.vpcEndpointId())));
        return closed.stream().filter(event -> event.flow().endpointId().equals(endpoint.vpcEndpointId())).findFirst().orElseThrow();
    }

    @Test
    void aPortWithoutListenerIsRefusedAtTheLoadBalancer() throws Exception {
        assertEquals(0x02, socksReply(endpointName, 8443), "blocked (error mode): no listener on 8443");
    }

    /** The SOCKS5 reply code the gateway gives a CONNECT to the host and port. */
    private static int socksReply(String host, int port) throws IOException {
        try (Socket socket = new Socket(gateway.getAddress(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {5, 1, 0});
            socket.getInputStream().readNBytes(2);
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
            request.writeBytes(name);
            request.writeBytes(new byte[] {(byte) (port >> 8), (byte) port});
            out.write(request.toByteArray());
            return socket.getInputStream().readNBytes(10)[1];
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            Thread.sleep(10);
        }
    }
}
