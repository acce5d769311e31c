package dev.backlane.server.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.TelemetryDeliveryEvent;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent;
import dev.backlane.core.event.PrivateLinkConnectionOpenedEvent;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.logs.LogEventQueries;
import dev.backlane.core.logs.LogLimits;
import dev.backlane.core.logs.StoredEvent;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.resolver.QueryLogConfigCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery on the clock: windows are delivered once ended, to CloudWatch Logs streams and S3-layout files; failures mark the flow log. */
class VendedLogsTest {
    private final SteppingClock clock = new SteppingClock();
    private final TestApi api = new TestApi(Quotas.awsDefaults(), clock);
    private final EventStream events = new EventStream();
    private final List<TelemetryDeliveryEvent> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
    @TempDir
    Path directory;
    private VendedLogs logs;

    private final String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.0.0.0/16").assertOk().text("//vpc/vpcId");
    private final String subnetId = api.ec2("CreateSubnet", "VpcId", vpcId, "CidrBlock", "10.0.1.0/24", "AvailabilityZone", "us-east-1a")
            .assertOk().text("//subnet/subnetId");
    private final String workloadEni = eni("10.0.1.10");
    private final String endpointEni = eni("10.0.1.20");

    @AfterEach
    void close() {
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void aWindowIsDeliveredToItsInterfacesStreamsOnceItHasEnded() {
        flowLog("ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogGroupName", "flows", "DeliverLogsPermissionArn",
                "arn:aws:iam::000000000000:role/flow-logs", "MaxAggregationInterval", "60");
        logs = start(directory);
        connection(40_000, 517, 3000);

        logs.deliver();
        assertEquals(List.of(), messages("flows", workloadEni + "-all"), "the window has not ended");
        clock.advance(Duration.ofSeconds(60));
        logs.deliver();

        long start = TestApi.NOW.getEpochSecond() + 1;
        long end = TestApi.NOW.getEpochSecond() + 2;
        assertEquals(List.of("2 000000000000 " + workloadEni + " 10.0.1.10 10.0.1.20 40000 443 6 4 725 " + start + " " + end + " ACCEPT OK",
                "2 000000000000 " + workloadEni + " 10.0.1.20 10.0.1.10 443 40000 6 5 3260 " + start + " " + end + " ACCEPT OK"),
                messages("flows", workloadEni + "-all").stream().sorted().toList());
        assertEquals(2, messages("flows", endpointEni + "-all").size());
        assertEquals(List.of(new TelemetryDeliveryEvent(TelemetryDeliveryEvent.FLOW_LOGS, clock.instant(), 4, 4)), deliveries,
                "M9: the four lines offered were delivered");
    }

    @Test
    void anS3FlowLogWritesAGzippedFileWithItsHeaderInAwsKeyLayout() throws IOException {
        String id = flowLog("ResourceType", "NetworkInterface", "ResourceId.1", workloadEni, "TrafficType", "ACCEPT", "LogDestinationType", "s3",
                "LogDestination", "arn:aws:s3:::flow-bucket/team", "LogFormat", "${srcaddr} ${dstaddr} ${packets} ${action}", "MaxAggregationInterval", "60");
        logs = start(directory);
        connection(40_001, 100, 100);
        clock.advance(Duration.ofSeconds(60));
        logs.deliver();

        Path day = directory.resolve("flow-bucket/team/AWSLogs/000000000000/vpcflowlogs/us-east-1/2026/01/02");
        List<Path> written = list(day);
        assertEquals(1, written.size());
        assertTrue(written.get(0).getFileName().toString().matches("000000000000_vpcflowlogs_us-east-1_" + id + "_20260102T0304Z_[0-9a-f]{8}\\.log\\.gz"),
                written.get(0).toString());
        assertEquals("srcaddr dstaddr packets action\n10.0.1.10 10.0.1.20 4 ACCEPT\n10.0.1.20 10.0.1.10 3 ACCEPT\n", gunzip(written.get(0)));
    }

    @Test
    void aBucketThatCannotBeWrittenMarksTheFlowLogFailedAndTrafficGoesOn() throws IOException {
        String id = flowLog("ResourceType", "VPC", "ResourceId.1", vpcId, "TrafficType", "ALL", "LogDestinationType", "s3", "LogDestination",
                "arn:aws:s3:::flow-bucket", "MaxAggregationInterval", "60");
        Path blocked = Files.writeString(directory.resolve("not-a-directory"), "x");
        logs = start(blocked);
        connection(40_002, 100, 100);
        clock.advance(Duration.ofSeconds(60));
        logs.deliver();

        FlowLog flowLog = api.cloud().snapshot().find(api.scope(), ResourceTypes.FLOW_LOG, id).orElseThrow();
        assertEquals(FlowLog.DELIVERY_FAILED, flowLog.deliverLogsStatus());
        assertEquals("Access error", flowLog.deliverLogsErrorMessage());
        assertTrue(deliveries.stream().allMatch(delivery -> delivery.offered() > 0 && delivery.delivered() == 0) && !deliveries.isEmpty(),
                "M9: offered and not delivered: " + deliveries);
    }

    @Test
    void closingDeliversWindowsThatHaveNotEnded() {
        flowLog("ResourceType", "Subnet", "ResourceId.1", subnetId, "TrafficType", "ALL", "LogGroupName", "flows", "DeliverLogsPermissionArn",
                "arn:aws:iam::000000000000:role/flow-logs");
        logs = start(directory);
        connection(40_003, 100, 100);
        logs.close();
        logs = null;
        assertEquals(2, messages("flows", workloadEni + "-all").size());
    }

    @Test
    void aQueryOfAnAssociatedVpcGoesToItsVpcsStream() {
        String group = "arn:aws:logs:us-east-1:000000000000:log-group:dns";
        assertEquals(200, api.json("logs", "CreateLogGroup", "{\"logGroupName\": \"dns\"}").status());
        api.cloud().write(api.scope(), transaction -> {
            QueryLogConfigCommands commands = new QueryLogConfigCommands();
            return commands.associate(transaction, commands.create(transaction, "dns", group, "request-1").id(), vpcId);
        });
        clock.advance(Duration.ofSeconds(10));
        logs = start(directory);
        DnsQueryEvent query = new DnsQueryEvent("000000000000", "us-east-1", vpcId, clock.instant(), "sts.us-east-1.amazonaws.com.", "A", "IN",
                "NOERROR", List.of(new DnsQueryEvent.Answer("10.0.1.20", "A", "IN", 60)), "10.0.1.10", 53_000, "UDP", Map.of("instance", "i-1"));
        events.publish(query);
        logs.deliver();
        assertEquals(List.of(query.toJson()), messages("dns", vpcId));
    }

    @Test
    void queriesLoggedToABucketAreOneGzippedFileOfJsonLinesUnderTheVpc() throws IOException {
        api.cloud().write(api.scope(), transaction -> {
            QueryLogConfigCommands commands = new QueryLogConfigCommands();
            return commands.associate(transaction, commands.create(transaction, "dns", "arn:aws:s3:::dns-bucket", "request-1").id(), vpcId);
        });
        clock.advance(Duration.ofSeconds(10));
        logs = start(directory);
        DnsQueryEvent first = query("a.example.com.");
        DnsQueryEvent second = query("b.example.com.");
        events.publish(first);
        events.publish(second);
        logs.deliver();

        List<Path> written = list(directory.resolve("dns-bucket/AWSLogs/000000000000/vpcdnsquerylogs/" + vpcId + "/2026/01/02"));
        assertEquals(1, written.size());
        assertTrue(written.get(0).getFileName().toString().matches(vpcId + "_vpcdnsquerylogs_000000000000_20260102T0304Z_[0-9a-f]{8}\\.log\\.gz"),
                written.get(0).toString());
        assertEquals(first.toJson() + "\n" + second.toJson() + "\n", gunzip(written.get(0)));
    }

    private DnsQueryEvent query(String name) {
        return new DnsQueryEvent("000000000000", "us-east-1", vpcId, clock.instant(), name, "A", "IN", "NXDOMAIN", List.of(), "10.0.1.10", 53_000,
                "UDP", Map.of());
    }

    private VendedLogs start(Path s3Root) {
        events.subscribe(TelemetryDeliveryEvent.class, deliveries::add);
        return VendedLogs.start(events, api.cloud(), id -> Optional.empty(), s3Root, Duration.ofHours(1));
    }

    /** A connection through an interface endpoint, opened a second after NOW and closed the next second. */
    private void connection(int sourcePort, long bytesFromConsumer, long bytesToConsumer) {
        PrivateLinkFlow flow = new PrivateLinkFlow("000000000000", "us-east-1", "w-1", vpcId, subnetId, workloadEni, "10.0.1.10", sourcePort,
                "vpce-0123456789abcdef0", endpointEni, "10.0.1.20", "use1-az6", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "vpce-svc-0123456789abcdef0", "111111111111", 443, Optional.empty(), Optional.empty(), OptionalInt.empty());
        Instant opened = TestApi.NOW.plusSeconds(1);
        events.publish(new PrivateLinkConnectionOpenedEvent(flow, opened));
        events.publish(new PrivateLinkConnectionClosedEvent(flow, opened, opened.plusSeconds(1), bytesFromConsumer, bytesToConsumer,
                PrivateLinkConnectionClosedEvent.Cause.CONSUMER_CLOSED));
    }

    private String flowLog(String... parameters) {
        return api.ec2("CreateFlowLogs", parameters).assertOk().text("//flowLogIdSet/item");
    }

    private String eni(String address) {
        return api.ec2("CreateNetworkInterface", "SubnetId", subnetId, "PrivateIpAddress", address).assertOk().text("//networkInterface/networkInterfaceId");
    }

    private List<String> messages(String group, String stream) {
        return api.cloud().snapshot().hasScope(api.scope()) && api.cloud().snapshot().find(api.scope(), ResourceTypes.LOG_GROUP, group).isPresent()
                && api.cloud().snapshot().find(api.scope(), ResourceTypes.LOG_STREAM, dev.backlane.core.model.LogStream.idOf(group, stream)).isPresent()
                ? new LogEventQueries(LogLimits.standard()).getLogEvents(api.cloud().snapshot().scope(api.scope()), clock.instant(), group, stream,
                        new LogEventQueries.EventRequest(null, null, true, null, null)).events().stream().map(StoredEvent::event)
                        .map(dev.backlane.core.model.LogEvent::message).toList()
                : List.of();
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
