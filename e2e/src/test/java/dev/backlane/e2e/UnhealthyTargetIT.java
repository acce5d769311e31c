package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.awaitEquals;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A target that fails its health checks while a consumer's connection through PrivateLink is spliced to it, through
 * the SDK and a SOCKS5 client: two target groups behind one NLB (ports 7000 and 7001), each with the failing target A
 * and a healthy peer B (so that the load balancer does not fail open), both checked over HTTP on a health port of
 * their own. The consumer connects to A while it is the only target, A's health endpoint then answers 503: in the
 * group with AWS's default ({@code target_health_state.unhealthy.connection_termination.enabled} true) the connection
 * is reset as A turns unhealthy; in the group with termination off and a draining interval, A is
 * {@code unhealthy.draining} and the connection carries on. Health checks run on AWS's shortest interval (5 s, 2
 * checks), both groups side by side, so the class takes about 10 s.
 */
class UnhealthyTargetIT {
    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final int HEALTH_PORT = 8081;

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests().withTransitions(TransitionTimes.instant()));

    private static final List<AutoCloseable> processes = new ArrayList<>();
    private static final List<PrivateLinkConnectionClosedEvent> closed = new CopyOnWriteArrayList<>();
    private static final AtomicInteger failingHealth = new AtomicInteger(200);
    private static ElasticLoadBalancingV2Client elb;
    private static String terminating;
    private static String draining;
    private static String failing;
    private static Socket toTerminating;
    private static Socket toDraining;

    @BeforeAll
    static void topology() throws Exception {
        backlane.server().events().subscribe(PrivateLinkConnectionClosedEvent.class, closed::add);
        Ec2Client provider = backlane.ec2(PROVIDER);
        elb = backlane.elb(PROVIDER);
        Subnet zone = provider.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .min(Comparator.comparing(Subnet::availabilityZoneId)).orElseThrow();
        String vpcId = zone.vpcId();
        String prefix = zone.cidrBlock().substring(0, zone.cidrBlock().lastIndexOf('.') + 1);
        failing = prefix + "10";
        String healthy = prefix + "11";
        String loadBalancer = elb.createLoadBalancer(r -> r.name("checked").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(zone.subnetId())).loadBalancers().get(0).loadBalancerArn();
        terminating = group(loadBalancer, vpcId, "terminating", 7000);
        draining = group(loadBalancer, vpcId, "draining", 7001);
        elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(draining).attributes(
                attribute("target_health_state.unhealthy.connection_termination.enabled", "false"),
                attribute("target_health_state.unhealthy.draining_interval_seconds", "3600")));

        int echo = echo();
        for (String address : List.of(failing, healthy)) {
            map(vpcId, address, 7000, echo);
            map(vpcId, address, 7001, echo);
        }
        map(vpcId, failing, HEALTH_PORT, health(failingHealth));
        map(vpcId, healthy, HEALTH_PORT, health(new AtomicInteger(200)));
        String serviceId = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(loadBalancer).acceptanceRequired(false))
                .serviceConfiguration().serviceId();
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
        String serviceName = provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0)
                .serviceName();

        Ec2Client consumer = backlane.ec2(CONSUMER);
        Subnet beside = consumer.describeSubnets(r -> r.filters(filter("default-for-az", "true"),
                filter("availability-zone-id", zone.availabilityZoneId()))).subnets().get(0);
        String endpointName = consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(beside.vpcId())
                .serviceName(serviceName).subnetIds(beside.subnetId())).vpcEndpoint().dnsEntries().get(0).dnsName();
        JsonNode workload = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/workloads",
                "{\"account\": \"" + CONSUMER + "\", \"subnetId\": \"" + beside.subnetId() + "\"}").body());
        InetSocketAddress gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), workload.path("gateway").path("port").asInt());

        // A alone in each group: the connections are spliced to it. Then its health fails, and B joins.
        register(terminating, failing, 7000);
        register(draining, failing, 7001);
        toTerminating = echoThrough(gateway, endpointName, 7000);
        toDraining = echoThrough(gateway, endpointName, 7001);
        failingHealth.set(503);
        register(terminating, healthy, 7000);
        register(draining, healthy, 7001);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable process : processes) {
            process.close();
        }
    }

    @Test
    void byDefaultTheConnectionToATargetTurningUnhealthyIsReset() throws Exception {
        awaitEquals("unhealthy", () -> state(terminating, failing, 7000), PATIENCE);
        PrivateLinkTunnelIT.assertReset(toTerminating);
        awaitEquals("TARGET_UNHEALTHY", () -> closed.stream().filter(event -> event.flow().port() == 7000).findFirst()
                .map(event -> event.cause().name()).orElse("open"), PATIENCE);
    }

    @Test
    void withTerminationOffTheTargetDrainsAndTheConnectionSurvives() throws Exception {
        awaitEquals("unhealthy.draining", () -> state(draining, failing, 7001), PATIENCE);
        // Whatever would reset it runs every second: give it two.
        Thread.sleep(2_000);
        toDraining.getOutputStream().write('y');
        assertEquals('y', toDraining.getInputStream().read(), "still spliced to the draining target");
        assertTrue(closed.stream().noneMatch(event -> event.flow().port() == 7001), "no close for the draining group: " + closed);
    }

    @Test
    void theAttributesAreDescribedAndAnIntervalWithTerminationOnIsRefused() {
        Map<String, String> attributes = new java.util.HashMap<>();
        elb.describeTargetGroupAttributes(r -> r.targetGroupArn(terminating)).attributes().forEach(a -> attributes.put(a.key(), a.value()));
        assertEquals("true", attributes.get("target_health_state.unhealthy.connection_termination.enabled"));
        assertEquals("0", attributes.get("target_health_state.unhealthy.draining_interval_seconds"));

        ElasticLoadBalancingV2Exception refused = assertThrows(ElasticLoadBalancingV2Exception.class, () -> elb.modifyTargetGroupAttributes(
                r -> r.targetGroupArn(terminating).attributes(attribute("target_health_state.unhealthy.draining_interval_seconds", "60"))));
        assertEquals(400, refused.statusCode());
        assertEquals("ValidationError", refused.awsErrorDetails().errorCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("target_health_state.unhealthy.draining_interval_seconds"),
                refused.awsErrorDetails().errorMessage());
    }

    private static TargetGroupAttribute attribute(String key, String value) {
        return TargetGroupAttribute.builder().key(key).value(value).build();
    }

    /** A group of IP targets checked over HTTP on the health port, every 5 s, 2 checks to change state, with a listener on its port. */
    private static String group(String loadBalancer, String vpcId, String name, int port) {
        String arn = elb.createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.TCP).port(port).vpcId(vpcId).targetType(TargetTypeEnum.IP)
                .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPort(String.valueOf(HEALTH_PORT)).healthCheckPath("/health")
                .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2))
                .targetGroups().get(0).targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.TCP).port(port)
                .defaultActions(action -> action.type("forward").targetGroupArn(arn)));
        return arn;
    }

    private static void register(String group, String address, int port) {
        elb.registerTargets(r -> r.targetGroupArn(group).targets(target -> target.id(address).port(port)));
    }

    private static String state(String group, String address, int port) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group).targets(target -> target.id(address).port(port))).targetHealthDescriptions()
                .get(0).targetHealth().stateAsString();
    }

    private static void map(String vpcId, String address, int port, int hostPort) {
        HttpResponse<String> mapped = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/targets",
                "{\"account\": \"%s\", \"vpcId\": \"%s\", \"address\": \"%s\", \"port\": %d, \"hostPort\": %d}".formatted(PROVIDER, vpcId, address, port,
                        hostPort));
        assertEquals(201, mapped.statusCode(), mapped.body());
    }

    /** A health endpoint answering {@code /health} with the status it is set to. */
    private static int health(AtomicInteger status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        processes.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** A TCP echo, one thread per connection. */
    private static int echo() throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        processes.add(listener);
        TcpTarget.serve(listener, TcpTarget.ECHO);
        return listener.getLocalPort();
    }

    /** A SOCKS5 tunnel through the endpoint on the port, with one round trip made. */
    private static Socket echoThrough(InetSocketAddress gateway, String endpointName, int port) throws IOException {
        Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, gateway));
        processes.add(socket);
        socket.connect(InetSocketAddress.createUnresolved(endpointName, port), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write('x');
        assertEquals('x', socket.getInputStream().read());
        return socket;
    }
}
