package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.event.TelemetryDeliveryEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.route53resolver.model.ResolverQueryLogConfigAssociationStatus;

/**
 * F8 as a team meets it: a VPC's Route 53 Resolver query log to a CloudWatch Logs group, real {@code dig} queries
 * through the VPC's listener, and an F8 fault on the VPC first losing every record — the log stream stays empty,
 * read with the SDK, and M9 for the query-log sink falls below 1 in {@code /_backlane/sli} — then delaying them: the
 * record arrives, two seconds late.
 */
class TelemetryFaultIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final List<TelemetryDeliveryEvent> deliveries = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() {
        backlane.server().events().subscribe(TelemetryDeliveryEvent.class, deliveries::add);
    }

    @Test
    void telemetryLossLosesThenDelaysTheVpcsQueryLogsAndM9ShowsTheLoss() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 91);
        JsonNode workload = network.workload(backlane);
        String account = network.account.id();
        CloudWatchLogsClient logs = backlane.logs(account);
        Route53ResolverClient resolver = backlane.resolver(account);
        logs.createLogGroup(r -> r.logGroupName("/dns/f8"));
        String config = resolver.createResolverQueryLogConfig(r -> r.name("f8").creatorRequestId("f8")
                .destinationArn("arn:aws:logs:us-east-1:" + account + ":log-group:/dns/f8")).resolverQueryLogConfig().id();
        String association = resolver.associateResolverQueryLogConfig(r -> r.resolverQueryLogConfigId(config).resourceId(network.vpc))
                .resolverQueryLogConfigAssociation().id();
        await(() -> resolver.getResolverQueryLogConfigAssociation(r -> r.resolverQueryLogConfigAssociationId(association))
                .resolverQueryLogConfigAssociation().status() == ResolverQueryLogConfigAssociationStatus.ACTIVE, "the association is active");

        ObjectNode loss = fault(network.vpc);
        loss.putObject("parameters").put("percentage", 100).putArray("telemetry").add("queryLogs");
        String lossId = create(loss).path("faultId").asText();
        int before = queryLogDeliveries().size();
        WorkloadNetwork.dig(workload, "lost.example.com");
        await(() -> queryLogDeliveries().size() > before, "the query log's delivery run reports");
        TelemetryDeliveryEvent lost = queryLogDeliveries().get(before);
        assertTrue(lost.offered() >= 1 && lost.delivered() == 0, lost.toString());
        assertTrue(records(logs, network.vpc).stream().noneMatch(record -> record.contains("lost.example.com")), "the record was lost");
        JsonNode sink = sinkReport("query-logs");
        double m9 = indicator(sink, "M9").path("value").asDouble();
        assertTrue(m9 < 1, "M9 for the query-log sink shows the loss: " + sink);
        remove(lossId);

        ObjectNode lag = fault(network.vpc);
        lag.putObject("parameters").put("delay", "PT2S");
        String lagId = create(lag).path("faultId").asText();
        long asked = System.nanoTime();
        WorkloadNetwork.dig(workload, "late.example.com");
        await(() -> records(logs, network.vpc).stream().anyMatch(record -> record.contains("late.example.com")), "the late record arrives");
        long tookMillis = Duration.ofNanos(System.nanoTime() - asked).toMillis();
        assertTrue(tookMillis >= 2000, "held back two seconds, arrived after " + tookMillis + " ms");
        remove(lagId);
    }

    private static List<TelemetryDeliveryEvent> queryLogDeliveries() {
        return deliveries.stream().filter(event -> event.sink().equals(TelemetryDeliveryEvent.QUERY_LOGS)).toList();
    }

    private static List<String> records(CloudWatchLogsClient logs, String vpc) {
        try {
            return logs.getLogEvents(r -> r.logGroupName("/dns/f8").logStreamName(vpc).startFromHead(true)).events().stream()
                    .map(event -> event.message()).toList();
        } catch (ResourceNotFoundException notYet) {
            return List.of();
        }
    }

    private static JsonNode sinkReport(String sink) {
        HttpResponse<String> response = WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/sli?kind=sink&window=5m", null);
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode report : WorkloadNetwork.json(response.body()).path("reports")) {
            if (report.toString().contains("\"" + sink + "\"")) {
                return report;
            }
        }
        throw new AssertionError("no report for the sink " + sink + ": " + response.body());
    }

    private static JsonNode indicator(JsonNode report, String id) {
        for (JsonNode indicator : report.path("indicators")) {
            if (indicator.path("id").asText().equals(id)) {
                return indicator;
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    private static ObjectNode fault(String vpc) {
        ObjectNode fault = WorkloadNetwork.JSON_MAPPER.createObjectNode().put("kind", "F8").put("duration", "PT5M");
        fault.putObject("scope").put("vpcId", vpc);
        return fault;
    }

    private static JsonNode create(ObjectNode request) {
        return AdminFaults.create(backlane.endpoint(), request);
    }

    private static void remove(String faultId) {
        AdminFaults.remove(backlane.endpoint(), faultId);
    }
}
