package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Every shipped game day ({@code backlane gameday list}) run by {@code backlane gameday run NAME} against one server on
 * a quarter of its clock, one after the other: each sets up its own VPC, endpoints and workload through the EC2 API and
 * the admin API, drives signed calls through the workload's gateway, injects its fault (inline or through FIS) and takes
 * its world down. Each report is checked: the exit code and hypotheses the scenario is built to show, the signal that
 * detected the fault, recovery once the fault ended, and a self-contained HTML page.
 */
class GamedayIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests());

    /** What each shipped game day shows: its exit code, its hypotheses' results, and which signals may detect its fault (none: not detected). */
    private record Expected(int exitCode, List<String> hypotheses, Set<String> detectedBy) {}

    private static final Map<String, Expected> EXPECTED = Map.of(
            "dns-failure", new Expected(1, List.of("broken"), Set.of("M2")),
            "endpoint-deletion", new Expected(1, List.of("broken"), Set.of("M2", "M3", "client.success")),
            "security-group-deny", new Expected(1, List.of("broken"), Set.of("M3", "client.success")),
            "zone-outage-single-zone-endpoint", new Expected(1, List.of("broken"), Set.of("M3", "client.success")),
            "zone-outage-every-zone", new Expected(0, List.of("held", "held"), Set.of()),
            "restrictive-policy-rollout", new Expected(1, List.of("broken"), Set.of("M3", "M6", "client.success")),
            "throttling-without-retries", new Expected(1, List.of("broken", "held"), Set.of("M3", "M6", "client.success")),
            "throttling-with-retries", new Expected(0, List.of("held"), Set.of("M3", "M6")));

    @Test
    void everyShippedGameDayRunsOnAShortClockAndItsReportShowsTheFaultDetectedAndTrafficRecovered(@TempDir Path reports) throws Exception {
        BacklaneCli.Result listed = BacklaneCli.run("gameday", "list");
        assertEquals(0, listed.exitCode(), listed.err());
        List<String> names = listed.out().lines().map(line -> line.split("\\s+")[0]).toList();
        assertEquals(EXPECTED.keySet(), Set.copyOf(names), "every shipped game day is checked here");
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            Path directory = reports.resolve(name);
            BacklaneCli.Result run = BacklaneCli.run("gameday", "run", name, "--time-scale", "0.25", "--json", "--report-dir", directory.toString(),
                    "--endpoint-url", backlane.endpoint());
            Expected expected = EXPECTED.get(name);
            if (run.exitCode() != expected.exitCode()) {
                failures.add(name + ": exit " + run.exitCode() + ", expected " + expected.exitCode() + "\n" + run.err() + run.out());
                continue;
            }
            JsonNode report = WorkloadNetwork.json(run.out());
            List<String> statuses = new ArrayList<>();
            report.path("hypotheses").forEach(hypothesis -> statuses.add(hypothesis.path("status").asText()));
            check(failures, name, expected.hypotheses().equals(statuses), "hypotheses " + statuses, report);
            JsonNode incident = report.path("incidents").get(0);
            assertNotNull(incident, name + ": an incident is reported");
            // M1's synthetic probes run every 30 s: one that falls inside a fault at the endpoint detects it, rightly.
            boolean byProbe = incident.path("detectedBy").asText().equals("M1") && !name.startsWith("throttling");
            if (expected.detectedBy().isEmpty()) {
                check(failures, name, incident.path("detectedBy").isNull() || byProbe, "detected by " + incident.path("detectedBy"), report);
            } else {
                check(failures, name, expected.detectedBy().contains(incident.path("detectedBy").asText()) || byProbe,
                        "detected by " + incident.path("detectedBy"), report);
                check(failures, name, incident.path("timeToDetectSeconds").asDouble() < 3, "time to detect " + incident.path("timeToDetectSeconds"),
                        report);
            }
            check(failures, name, incident.path("recovered").asBoolean(false), "recovered " + incident.path("recovered"), report);
            check(failures, name, report.path("traffic").path("calls").asLong() > 20, "calls " + report.path("traffic"), report);
            check(failures, name, report.path("leftBehind").isEmpty(), "left behind " + report.path("leftBehind"), report);
            String html = Files.readString(directory.resolve("report.html"));
            check(failures, name, html.contains("<svg") && html.contains("<polyline") && !html.contains("src=") && !html.contains("href="),
                    "a self-contained page with SVG timelines", report);
            assertEquals(report, WorkloadNetwork.json(Files.readString(directory.resolve("report.json"))), "report.json is the printed report");
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        JsonNode faults = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/faults", null).body());
        assertTrue(faults.path("faults").isEmpty(), "no fault outlives its game day: " + faults);
        JsonNode workloads = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/workloads", null).body());
        assertTrue(workloads.path("workloads").isEmpty(), "every workload was taken down: " + workloads);
    }

    @Test
    void aGameDayFileWithAnErrorIsRefusedBeforeAnythingRunsNamingItsLineAndField(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                setup:
                  workloads:
                    - {name: app, subnet: subnet-0123456789abcdef0}
                traffic:
                  - {workload: app, call: sts:GetCallerIdentity, rate: 5000}
                hypotheses:
                  - expect: M3 >= 99.9
                steps:
                  - wait: 3s
                  - fault: {name: f, kind: F7, duration: 0s, colour: red}
                """);
        BacklaneCli.Result run = BacklaneCli.run("gameday", "run", file.toString(), "--endpoint-url", backlane.endpoint());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(file + ":6:") && run.err().contains("traffic[0].rate: 5000 is out of range"), run.err());
        assertTrue(run.err().contains(file + ":11:") && run.err().contains("steps[1].fault.colour: unknown field"), run.err());
        assertTrue(run.err().contains("steps[1].fault.duration: 0s is out of range"), run.err());
        JsonNode workloads = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/workloads", null).body());
        assertFalse(workloads.path("workloads").size() > 0, "nothing ran");

        BacklaneCli.Result unreachable = BacklaneCli.run("gameday", "run", "dns-failure", "--endpoint-url", "http://127.0.0.1:1");
        assertEquals(3, unreachable.exitCode(), unreachable.err());
    }

    /**
     * TCP traffic through PrivateLink: a provider's endpoint service (account 111111111111: an NLB in every zone with
     * cross-zone load balancing, one IP target mapped to a local echo) is consumed by a game day of the default account
     * whose workload opens connections to it through its own interface endpoint; an F3 outage of the endpoint's zone
     * breaks them and they recover when it ends.
     */
    @Test
    void tcpConnectionsThroughAnEndpointServiceBreakInAZoneOutageAndRecover(@TempDir Path directory) throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            runPrivateLinkGameDay(directory, echoService(echo));
        }
    }

    private static void runPrivateLinkGameDay(Path directory, String serviceName) throws Exception {
        Path file = directory.resolve("privatelink-zone-outage.yaml");
        Files.writeString(file, """
                name: privatelink-zone-outage
                setup:
                  network:
                    cidr: 10.47.0.0/16
                    subnets:
                      - {name: a, zone: us-east-1a, cidr: 10.47.1.0/24}
                    endpoints:
                      - {name: orders, serviceName: %s, subnets: [a]}
                  workloads:
                    - {name: app, subnet: a}
                traffic:
                  - {workload: app, tcp: {endpoint: orders, port: 7000, payload: 256}, rate: 20, timeout: 1s}
                hypotheses:
                  - expect: client.success >= 99
                    during: fault
                steps:
                  - wait: 2s
                  - fault:
                      name: zone-a-down
                      kind: F3
                      scope: {vpcEndpointId: "${endpoint.orders}", availabilityZone: us-east-1a}
                      duration: 4s
                  - wait: 4s
                  - wait: 4s
                """.formatted(serviceName));
        BacklaneCli.Result run = BacklaneCli.run("gameday", "run", file.toString(), "--time-scale", "0.25", "--json", "--endpoint-url",
                backlane.endpoint());
        assertEquals(1, run.exitCode(), run.err() + run.out());
        JsonNode report = WorkloadNetwork.json(run.out());
        assertEquals("broken", report.path("hypotheses").path(0).path("status").asText(), run.err() + report.toPrettyString());
        JsonNode incident = report.path("incidents").path(0);
        assertTrue(Set.of("M3", "client.success").contains(incident.path("detectedBy").asText()), report.toPrettyString());
        assertTrue(incident.path("timeToDetectSeconds").asDouble() < 3, report.toPrettyString());
        assertTrue(incident.path("recovered").asBoolean(false), report.toPrettyString());
        JsonNode traffic = report.path("traffic");
        assertTrue(traffic.path("calls").asLong() > 20 && traffic.path("succeeded").asLong() > 20, "connections went through: " + traffic);
        assertTrue(report.path("leftBehind").isEmpty(), report.toPrettyString());
    }

    /** An endpoint service whose NLB's target is a local TCP echo, open to the default account; its name. */
    private static String echoService(ServerSocket echo) {
        String provider = "111111111111";
        Ec2Client ec2 = backlane.ec2(provider);
        ElasticLoadBalancingV2Client elb = backlane.elb(provider);
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(VpcSdkIT.filter("default-for-az", "true"))).subnets();
        Subnet zone = subnets.get(0);
        String loadBalancer = elb.createLoadBalancer(r -> r.name("orders").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnets.stream().map(Subnet::subnetId).toList())).loadBalancers().get(0).loadBalancerArn();
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(loadBalancer).attributes(a -> a.key("load_balancing.cross_zone.enabled").value("true")));
        String group = elb.createTargetGroup(r -> r.name("orders").protocol(ProtocolEnum.TCP).port(7000).vpcId(zone.vpcId())
                .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.TCP).port(7000)
                .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        String address = zone.cidrBlock().substring(0, zone.cidrBlock().lastIndexOf('.') + 1) + "10";
        TcpTarget.serve(echo, TcpTarget.ECHO);
        assertEquals(201, WorkloadNetwork.admin(backlane.endpoint(), "POST", "/_backlane/targets",
                "{\"account\": \"%s\", \"vpcId\": \"%s\", \"address\": \"%s\", \"port\": 7000, \"hostPort\": %d}".formatted(provider,
                        zone.vpcId(), address, echo.getLocalPort())).statusCode());
        elb.registerTargets(r -> r.targetGroupArn(group).targets(t -> t.id(address).port(7000)));
        AwsAssertions.awaitEquals("active", () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancer)).loadBalancers().get(0).state()
                .codeAsString(), Duration.ofSeconds(30));
        String serviceId = ec2.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(loadBalancer).acceptanceRequired(false))
                .serviceConfiguration().serviceId();
        AwsAssertions.awaitEquals("Available", () -> ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId))
                .serviceConfigurations().get(0).serviceStateAsString(), Duration.ofSeconds(30));
        ec2.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::000000000000:root"));
        return ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0).serviceName();
    }

    private static void check(List<String> failures, String name, boolean ok, String what, JsonNode report) {
        if (!ok) {
            failures.add(name + ": " + what + "\n" + report.toPrettyString());
        }
    }
}
