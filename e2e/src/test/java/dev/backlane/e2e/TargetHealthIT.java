package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.backlane.core.event.TargetDeregisteredEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * An NLB's health checks against real processes, through the SDK: an HTTP server and a raw TCP port mapped as IP
 * targets through {@code /_backlane/targets} go from {@code initial} to {@code healthy} within AWS's shortest interval
 * (5 s, healthy after 2 checks); the HTTP server stopped turns its target {@code unhealthy} with
 * {@code Target.FailedHealthChecks}; a path answered 404 against matcher 200 is {@code Target.ResponseCodeMismatch};
 * a target that accepts and never answers is {@code Target.Timeout}. All the targets are checked side by side, so the
 * class waits about as long as one target's checks take.
 */
class TargetHealthIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final List<AutoCloseable> processes = new ArrayList<>();
    private static final AtomicInteger healthRequests = new AtomicInteger();
    private static BacklaneExtension.Account account;
    private static ElasticLoadBalancingV2Client elb;
    private static HttpServer web;
    private static String httpGroup;
    private static String tcpGroup;
    private static String mismatchGroup;
    private static String silentGroup;
    private static String defaultVpc;
    private static String loadBalancer;

    @BeforeAll
    static void targets() throws IOException {
        account = backlane.newAccount();
        elb = backlane.elb(account.id());
        Ec2Client ec2 = account.ec2();
        String vpc = ec2.describeVpcs(request -> request.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0).vpcId();
        List<String> subnets = ec2.describeSubnets(request -> request.filters(Filter.builder().name("vpc-id").values(vpc).build())).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZone)).limit(2).map(Subnet::subnetId).toList();
        defaultVpc = vpc;
        loadBalancer = elb.createLoadBalancer(request -> request.name("checked").type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnets)).loadBalancers().get(0).loadBalancerArn();

        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/health", exchange -> {
            healthRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        web.start();
        // A server of its own, which the other test does not stop: every path is 404.
        HttpServer notFound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notFound.start();
        processes.add(() -> notFound.stop(0));
        ServerSocket raw = listen(socket -> {});
        ServerSocket silent = listen(socket -> {
            try {
                socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                // The prober gave up and closed.
            }
        });

        httpGroup = group(vpc, loadBalancer, "http", 8080, ProtocolEnum.HTTP, "/health", "200-399");
        tcpGroup = group(vpc, loadBalancer, "tcp", 7000, ProtocolEnum.TCP, null, null);
        mismatchGroup = group(vpc, loadBalancer, "mismatch", 8081, ProtocolEnum.HTTP, "/missing", "200");
        silentGroup = group(vpc, loadBalancer, "silent", 8082, ProtocolEnum.HTTP, "/health", "200");
        target(vpc, httpGroup, "172.31.0.10", 8080, web.getAddress().getPort());
        target(vpc, tcpGroup, "172.31.0.11", 7000, raw.getLocalPort());
        target(vpc, mismatchGroup, "172.31.0.12", 8081, notFound.getAddress().getPort());
        target(vpc, silentGroup, "172.31.0.13", 8082, silent.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (web != null) {
            web.stop(0);
        }
        for (AutoCloseable process : processes) {
            process.close();
        }
    }

    @Test
    void anHttpServerAndATcpPortGoFromInitialToHealthyAndAStoppedServerTurnsUnhealthy() {
        assertEquals("initial", health(httpGroup).stateAsString(), "two checks 5 s apart before healthy");
        assertEquals("initial", health(tcpGroup).stateAsString());

        awaitEquals("healthy", () -> health(httpGroup).stateAsString(), PATIENCE);
        awaitEquals("healthy", () -> health(tcpGroup).stateAsString(), PATIENCE);
        assertTrue(healthRequests.get() >= 2, "the checks reached the server's /health: " + healthRequests.get());

        web.stop(0);
        awaitEquals("unhealthy", () -> health(httpGroup).stateAsString(), PATIENCE);
        TargetHealth unhealthy = health(httpGroup);
        assertEquals("Target.FailedHealthChecks", unhealthy.reasonAsString());
        assertEquals("Health checks failed", unhealthy.description());
        assertEquals("healthy", health(tcpGroup).stateAsString(), "the raw port still accepts");
    }

    @Test
    void anAnswerTheMatcherRefusesIsAResponseCodeMismatchAndSilenceATimeout() {
        awaitEquals("unhealthy", () -> health(mismatchGroup).stateAsString(), PATIENCE);
        TargetHealth mismatch = health(mismatchGroup);
        assertEquals("Target.ResponseCodeMismatch", mismatch.reasonAsString());
        assertEquals("Health checks failed with these codes: [404]", mismatch.description());

        awaitEquals("unhealthy", () -> health(silentGroup).stateAsString(), PATIENCE);
        TargetHealth silent = health(silentGroup);
        assertEquals("Target.Timeout", silent.reasonAsString());
        assertEquals("Request timed out", silent.description());
    }

    @Test
    void aDeregisteredTargetDrainsForItsDelayThenLeavesAndTheDataPlaneIsTold() throws Exception {
        String drained = group(defaultVpc, loadBalancer, "drained", 7001, ProtocolEnum.TCP, null, null);
        elb.modifyTargetGroupAttributes(request -> request.targetGroupArn(drained).attributes(
                attribute -> attribute.key("deregistration_delay.timeout_seconds").value("2"),
                attribute -> attribute.key("deregistration_delay.connection_termination.enabled").value("true")));
        elb.registerTargets(request -> request.targetGroupArn(drained).targets(target -> target.id("172.31.0.14").port(7001)));
        LinkedBlockingQueue<TargetDeregisteredEvent> left = new LinkedBlockingQueue<>();
        try (var subscription = backlane.server().events().subscribe(TargetDeregisteredEvent.class, left::add)) {
            elb.deregisterTargets(request -> request.targetGroupArn(drained).targets(target -> target.id("172.31.0.14").port(7001)));

            TargetHealth draining = health(drained);
            assertEquals("draining", draining.stateAsString());
            assertEquals("Target.DeregistrationInProgress", draining.reasonAsString());
            TargetDeregisteredEvent event = left.poll(15, TimeUnit.SECONDS);
            assertNotNull(event, "the deregistration ended within its delay and a tick");
            assertEquals(drained, event.targetGroupArn());
            assertEquals("172.31.0.14", event.address());
            assertEquals(7001, event.port());
            assertEquals(account.id(), event.account());
            assertTrue(event.terminateConnections());
            assertTrue(elb.describeTargetHealth(request -> request.targetGroupArn(drained)).targetHealthDescriptions().isEmpty(), "it left");
            assertEquals(1, elb.describeTargetHealth(request -> request.targetGroupArn(tcpGroup)).targetHealthDescriptions().size(),
                    "the other groups keep their targets");
        }
    }

    private static TargetHealth health(String group) {
        return elb.describeTargetHealth(request -> request.targetGroupArn(group)).targetHealthDescriptions().get(0).targetHealth();
    }

    /** A target group of IP targets checked every 5 s (AWS's shortest interval), healthy or unhealthy after 2 checks, with a listener. */
    private static String group(String vpc, String loadBalancer, String name, int port, ProtocolEnum checkProtocol, String path, String matcher) {
        String arn = elb.createTargetGroup(request -> {
            request.name(name).protocol(ProtocolEnum.TCP).port(port).vpcId(vpc).targetType(TargetTypeEnum.IP).healthCheckProtocol(checkProtocol)
                    .healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2);
            if (path != null) {
                request.healthCheckPath(path).matcher(m -> m.httpCode(matcher));
            }
        }).targetGroups().get(0).targetGroupArn();
        elb.createListener(request -> request.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.TCP).port(port)
                .defaultActions(action -> action.type("forward").targetGroupArn(arn)));
        return arn;
    }

    /** Maps the target's address and port to the process's socket, then registers it: the checks start with a process there. */
    private static void target(String vpc, String group, String address, int port, int hostPort) {
        HttpResponse<String> mapped = WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/targets",
                "{\"account\": \"%s\", \"vpcId\": \"%s\", \"address\": \"%s\", \"port\": %d, \"hostPort\": %d}".formatted(account.id(), vpc, address, port,
                        hostPort));
        assertEquals(201, mapped.statusCode(), mapped.body());
        elb.registerTargets(request -> request.targetGroupArn(group).targets(target -> target.id(address).port(port)));
    }

    private static ServerSocket listen(java.util.function.Consumer<Socket> behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        processes.add(server);
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    behaviour.accept(socket);
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-target");
        accepting.setDaemon(true);
        accepting.start();
        return server;
    }
}
