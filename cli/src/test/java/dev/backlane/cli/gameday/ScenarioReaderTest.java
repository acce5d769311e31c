package dev.backlane.cli.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
    private static final String VALID = """
            name: ok
            setup:
              network:
                cidr: 10.9.0.0/16
                subnets:
                  - {name: a, zone: us-east-1a, cidr: 10.9.1.0/24}
                endpoints:
                  - {name: sts, service: sts, subnets: [a]}
              workloads:
                - {name: app, subnet: a}
            traffic:
              - {workload: app, call: sts:GetCallerIdentity, rate: 10, timeout: 500ms, retries: 2}
            hypotheses:
              - expect: M3 >= 99.9%
                during: fault
            steps:
              - wait: 1m30s
              - fault:
                  name: f
                  kind: F2
                  scope: {vpcEndpointId: "${endpoint.sts}"}
                  duration: PT4S
              - end: f
              - deleteEndpoint: sts
              - createEndpoint: sts
            """;

    @Test
    void everyShippedScenarioIsValid() {
        List<String> names = ShippedScenarios.names();
        assertEquals(8, names.size());
        for (String name : names) {
            Scenario scenario = ScenarioReader.read(name, ShippedScenarios.text(name).orElseThrow());
            assertEquals(name, scenario.name());
            assertFalse(scenario.hypotheses().isEmpty(), name);
        }
    }

    @Test
    void aValidFileBecomesItsScenario() {
        Scenario scenario = ScenarioReader.read("ok.yaml", VALID);
        Scenario.Traffic traffic = scenario.traffic().get(0);
        assertEquals(new Scenario.Api(AwsCall.STS_GET_CALLER_IDENTITY), traffic.kind());
        assertEquals(Duration.ofMillis(500), traffic.timeout());
        assertEquals(2, traffic.retries());
        Scenario.Hypothesis hypothesis = scenario.hypotheses().get(0);
        assertEquals(Signal.M3, hypothesis.signal());
        assertTrue(hypothesis.atLeast());
        assertEquals(99.9, hypothesis.threshold());
        assertEquals(Scenario.Phase.FAULT, hypothesis.during());
        assertEquals(Duration.ofSeconds(90), ((Scenario.Wait) scenario.steps().get(0)).duration());
        Scenario.InjectFault fault = assertInstanceOf(Scenario.InjectFault.class, scenario.steps().get(1));
        assertEquals(Duration.ofSeconds(4), fault.duration());
        assertEquals("${endpoint.sts}", fault.request().path("scope").path("vpcEndpointId").asText());
        assertTrue(fault.where().contains("line 18"), fault.where());
    }

    @Test
    void everyProblemIsNamedWithItsLineColumnAndField() {
        String bad = VALID.replace("rate: 10", "rate: 0").replace("retries: 2", "retries: 2, colour: red").replace("99.9%", "150")
                .replace("${endpoint.sts}", "${endpoint.s3}").replace("duration: PT4S", "duration: 13h").replace("end: f", "end: g");
        ScenarioException refused = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", bad));
        List<String> problems = refused.problems().stream().map(ScenarioException.Problem::toString).toList();
        assertTrue(problems.contains("bad.yaml:12:50: traffic[0].rate: 0 is out of range: from 0.1 to 1000"), problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.startsWith("bad.yaml:12:") && line.contains("traffic[0].colour: unknown field")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.startsWith("bad.yaml:14:") && line.contains("hypotheses[0].expect: 150 is out of range")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.contains("steps[1].fault.scope.vpcEndpointId: '${endpoint.s3}' names nothing")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.contains("steps[1].fault.duration: 13h is out of range: from 1s to 12h")), problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.contains("steps[2].end: 'g' is not a fault or fis step before this one")), problems.toString());
        assertEquals(6, problems.size(), problems.toString());
    }

    @Test
    void faultsAreCheckedAsTheAdminApiParsesThem() {
        String bad = VALID.replace("scope: {vpcEndpointId: \"${endpoint.sts}\"}", "parameters: {speed: 3}").replace("kind: F2", "kind: F9");
        ScenarioException refused = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", bad));
        String message = refused.getMessage();
        assertTrue(message.contains("steps[1].fault.kind:"), message);
        assertTrue(message.contains("parameters.speed is not recognized"), message);
    }

    @Test
    void malformedYamlIsRefusedAtItsLine() {
        ScenarioException refused = assertThrows(ScenarioException.class, () -> ScenarioReader.read("broken.yaml", "name: x\nsetup: [\n"));
        assertEquals("broken.yaml", refused.problems().get(0).source());
        assertTrue(refused.problems().get(0).line() >= 2, refused.getMessage());
        assertTrue(refused.getMessage().contains("not valid YAML"), refused.getMessage());
    }

    private static final String TCP = """
            name: tcp
            setup:
              network:
                cidr: 10.9.0.0/16
                subnets:
                  - {name: a, zone: us-east-1a, cidr: 10.9.1.0/24}
                endpoints:
                  - {name: orders, serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0, subnets: [a]}
              workloads:
                - {name: app, subnet: a}
            traffic:
              - {workload: app, tcp: {endpoint: orders, port: 7000, payload: 512}, rate: 20, timeout: 1s}
            hypotheses:
              - expect: client.success >= 99
            steps:
              - fault: {name: down, kind: F3, scope: {vpcEndpointId: "${endpoint.orders}", availabilityZone: us-east-1a}, duration: 2s}
            """;

    @Test
    void tcpTrafficGoesToAnEndpointOfTheNetworkOnAPortWithAPayload() {
        Scenario scenario = ScenarioReader.read("tcp.yaml", TCP);
        assertEquals(new Scenario.Tcp("orders", 7000, 512), scenario.traffic().get(0).kind());
        assertEquals(20, scenario.traffic().get(0).rate());
        Scenario.EndpointSpec endpoint = scenario.setup().network().orElseThrow().endpoints().get(0);
        assertEquals("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", endpoint.fullServiceName("us-east-1"));
        assertFalse(endpoint.privateDns(), "an endpoint service has no private DNS unless the file says");
        assertEquals(List.of(443, 7000), GamedayRun.endpointPorts(scenario), "the endpoints' group lets the VPC reach the TCP port");

        Scenario defaults = ScenarioReader.read("tcp.yaml", TCP.replace(", payload: 512", ""));
        assertEquals(new Scenario.Tcp("orders", 7000, ScenarioReader.DEFAULT_PAYLOAD), defaults.traffic().get(0).kind());
    }

    @Test
    void tcpTrafficFieldsAreCheckedWithTheirLineAndField() {
        String bad = TCP.replace("endpoint: orders, port: 7000, payload: 512", "endpoint: billing, port: 70000, payload: 0, tls: true")
                .replace("serviceName: com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "service: sts, serviceName: x.y");
        List<String> problems = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", bad)).problems().stream()
                .map(ScenarioException.Problem::toString).toList();
        assertTrue(problems.stream().anyMatch(line -> line.startsWith("bad.yaml:12:") && line.contains("traffic[0].tcp.tls: unknown field")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.startsWith("bad.yaml:8:") && line.contains("setup.network.endpoints[0]: give either service")),
                problems.toString());

        String outOfRange = TCP.replace("endpoint: orders, port: 7000, payload: 512", "endpoint: billing, port: 70000, payload: 0");
        problems = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", outOfRange)).problems().stream()
                .map(ScenarioException.Problem::toString).toList();
        assertTrue(problems.stream().anyMatch(line -> line.startsWith("bad.yaml:12:")
                && line.contains("traffic[0].tcp.endpoint: 'billing' is not an endpoint of setup.network")), problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.contains("traffic[0].tcp.port: 70000 is out of range: from 1 to 65535")), problems.toString());
        assertTrue(problems.stream().anyMatch(line -> line.contains("traffic[0].tcp.payload: 0 is out of range: from 1 to 1048576")), problems.toString());
        assertEquals(3, problems.size(), problems.toString());

        String both = TCP.replace("tcp: {", "call: sts:GetCallerIdentity, tcp: {");
        String message = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", both)).getMessage();
        assertTrue(message.contains("bad.yaml:12:") && message.contains("traffic[0]: give either call") , message);
        String notAMapping = TCP.replace("tcp: {endpoint: orders, port: 7000, payload: 512}", "tcp: orders");
        message = assertThrows(ScenarioException.class, () -> ScenarioReader.read("bad.yaml", notAMapping)).getMessage();
        assertTrue(message.contains("traffic[0].tcp: must be a mapping"), message);
    }
}
