package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.flowlog.PacketEstimate;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Flow logs and query logs delivered from real traffic: a workload calls S3 through an interface endpoint with the
 * SDK (accepted), then once more after the endpoint's security group lost its HTTPS rule (dropped, answered 504 by
 * {@code --blocked-traffic=error}); its VPC has a flow log to a CloudWatch Logs group (a custom format, 60-second
 * windows) and one to an "s3" bucket (the default format). Once the minute's window has ended, the records are read
 * with {@code aws logs filter-log-events} (CLI v1) and the SDK, and from the gzipped file in AWS's key layout; a
 * {@code dig} through the VPC's resolver shows up in the query log, read with {@code aws logs get-log-events}.
 */
class FlowLogDeliveryIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "reports";
    private static final byte[] CONTENT = "quarterly figures".getBytes(StandardCharsets.UTF_8);
    private static final String FLOWS = "/backlane/flows";
    private static final String FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} "
            + "${bytes} ${start} ${end} ${action} ${log-status} ${vpc-id} ${subnet-id} ${tcp-flags} ${flow-direction} ${traffic-path}";
    private static final String FIELDS = "version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, "
            + "windowend, action, status, vpc, subnet, flags, direction, path";
    private static final String DEFAULT_HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
            + "action log-status";

    @TempDir
    static Path home;

    private static WorkloadNetwork network;
    private static JsonNode workload;
    private static String workloadEni;
    private static String workloadAddress;
    private static String endpointEni;
    private static String endpointAddress;
    private static List<GatewayRequestEvent> accepted;
    private static GatewayRequestEvent rejected;
    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void sendTraffic() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket(BUCKET));
            direct.putObject(request -> request.bucket(BUCKET).key("q1.csv"), RequestBody.fromBytes(CONTENT));
        }
        GatewayEvents events = new GatewayEvents(backlane.server().events());
        network = WorkloadNetwork.build(backlane.newAccount(), 71);
        Ec2Client ec2 = network.account.ec2();
        logs = backlane.logs(network.account.id());
        logs.createLogGroup(request -> request.logGroupName(FLOWS));
        ec2.createFlowLogs(request -> request.resourceType(FlowLogsResourceType.VPC).resourceIds(network.vpc).trafficType(TrafficType.ALL)
                .logGroupName(FLOWS).deliverLogsPermissionArn("arn:aws:iam::" + network.account.id() + ":role/flow-logs").logFormat(FORMAT)
                .maxAggregationInterval(60));
        ec2.createFlowLogs(request -> request.resourceType(FlowLogsResourceType.VPC).resourceIds(network.vpc).trafficType(TrafficType.ALL)
                .logDestinationType(LogDestinationType.S3).logDestination("arn:aws:s3:::flow-bucket/it").maxAggregationInterval(60));
        String[] endpointAndGroup = network.s3InterfaceEndpoint();
        workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        workloadEni = workload.path("networkInterfaceId").asText();
        workloadAddress = ec2.describeNetworkInterfaces(request -> request.networkInterfaceIds(workloadEni)).networkInterfaces().get(0).privateIpAddress();
        endpointEni = ec2.describeVpcEndpoints(request -> request.vpcEndpointIds(endpointAndGroup[0])).vpcEndpoints().get(0).networkInterfaceIds().get(0);
        endpointAddress = ec2.describeNetworkInterfaces(request -> request.networkInterfaceIds(endpointEni)).networkInterfaces().get(0).privateIpAddress();

        accepted = new ArrayList<>();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            for (int i = 0; i < 2; i++) {
                accepted.add(events.judged(id, () -> assertArrayEquals(CONTENT, s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv"))
                        .asByteArray())));
            }
        }
        ec2.revokeSecurityGroupIngress(request -> request.groupId(endpointAndGroup[1]).ipPermissions(network.https()));
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            rejected = events.judged(id, () -> assertEquals(504, assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv"))).statusCode()));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void theEndpointsGroupsDropIsOneRejectOnTheEndpointInterfaceReadWithTheCliAndTheSdk() throws IOException {
        String pattern = "[" + FIELDS.replace("action", "action=\"REJECT\"") + "]";
        List<FilteredLogEvent> rejects = waitFor(() -> {
            List<FilteredLogEvent> found = logs.filterLogEvents(request -> request.logGroupName(FLOWS).filterPattern(pattern)).events();
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals(endpointEni + "-all", rejects.get(0).logStreamName());
        String[] reject = rejects.get(0).message().split(" ");
        // One SYN of 60 bytes: the client got its 504 at once, so no retry was counted.
        assertEquals(List.of("5", network.account.id(), endpointEni, workloadAddress, endpointAddress, Integer.toString(rejected.clientPort()), "443", "6",
                "1", "60"), List.of(reject).subList(0, 10));
        assertEquals(List.of("REJECT", "OK", network.vpc, network.privateSubnet, "2", "ingress", "-"), List.of(reject).subList(12, 19));

        JsonNode cli = aws("logs", "filter-log-events", "--log-group-name", FLOWS, "--filter-pattern", pattern);
        assertEquals(1, cli.path("events").size(), cli.toString());
        assertEquals(rejects.get(0).message(), cli.path("events").get(0).path("message").asText());
        assertEquals(endpointEni + "-all", cli.path("events").get(0).path("logStreamName").asText());
    }

    @Test
    void theAcceptedCallsAreOneFlowEachWayWhoseBytesAreThePayloadAndHeaders() {
        String pattern = "[" + FIELDS.replace("action", "action=\"ACCEPT\"").replace("eni,", "eni=\"" + workloadEni + "\",") + "]";
        int port = accepted.get(0).clientPort();
        assertTrue(accepted.stream().allMatch(call -> call.clientPort() == port), "the SDK kept one connection: " + accepted);
        List<String[]> lines = waitFor(() -> {
            List<String[]> found = logs.filterLogEvents(request -> request.logGroupName(FLOWS).filterPattern(pattern)).events().stream()
                    .map(event -> event.message().split(" ")).toList();
            // Wait for the window with the connection's close: a FIN each way.
            boolean closed = found.stream().filter(line -> line[5].equals(Integer.toString(port))).anyMatch(line -> (Integer.parseInt(line[16]) & 1) != 0);
            return closed && waitedForReject() ? Optional.of(found) : Optional.empty();
        });
        long sent = accepted.stream().mapToLong(GatewayRequestEvent::bytesIn).sum();
        long received = accepted.stream().mapToLong(GatewayRequestEvent::bytesOut).sum();
        assertFlow(lines, workloadAddress, Integer.toString(port), endpointAddress, "443", "egress", "1", sent);
        assertFlow(lines, endpointAddress, "443", workloadAddress, Integer.toString(port), "ingress", "-", received);
        // The SYN of the dropped call left the workload's interface: accepted there, rejected at the endpoint's.
        assertTrue(lines.stream().anyMatch(line -> line[5].equals(Integer.toString(rejected.clientPort())) && line[8].equals("1")),
                "the dropped call's SYN, accepted as it left");
    }

    @Test
    void theS3DestinationHoldsGzippedFilesInAwsKeyLayoutWithTheDefaultHeader() throws IOException {
        Path root = backlane.requestLog().getParent().getParent().resolve(BacklaneServer.S3_DIRECTORY)
                .resolve("flow-bucket/it/AWSLogs/" + network.account.id() + "/vpcflowlogs/us-east-1");
        List<String> records = waitFor(() -> {
            List<String> found = new ArrayList<>();
            for (Path file : files(root)) {
                assertTrue(file.getFileName().toString().matches(network.account.id() + "_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz"),
                        file.toString());
                List<String> lines = gunzip(file).lines().toList();
                assertEquals(DEFAULT_HEADER, lines.get(0));
                found.addAll(lines.subList(1, lines.size()));
            }
            return found.stream().anyMatch(line -> line.endsWith(" REJECT OK")) ? Optional.of(found) : Optional.empty();
        });
        assertTrue(records.stream().allMatch(line -> line.startsWith("2 " + network.account.id() + " eni-") && line.split(" ").length == 14), records.toString());
        assertTrue(records.stream().anyMatch(line -> line.startsWith("2 " + network.account.id() + " " + endpointEni + " " + workloadAddress + " "
                + endpointAddress + " " + rejected.clientPort() + " 443 6 1 60 ") && line.endsWith(" REJECT OK")), records.toString());
        // The NAT gateway's interface carries traffic Backlane does not record, so it gets no NODATA records either.
        String natEni = network.account.ec2().describeNatGateways(request -> request.natGatewayIds(network.natGateway)).natGateways().get(0)
                .natGatewayAddresses().get(0).networkInterfaceId();
        assertTrue(records.stream().noneMatch(line -> line.contains(" " + natEni + " ")), records.toString());
    }

    @Test
    void aDnsQueryOfTheVpcIsInTheQueryLogReadWithGetLogEvents() throws Exception {
        Route53ResolverClient resolver = backlane.resolver(network.account.id());
        logs.createLogGroup(request -> request.logGroupName("/backlane/dns"));
        String config = resolver.createResolverQueryLogConfig(request -> request.name("dns").creatorRequestId("dns-1")
                .destinationArn("arn:aws:logs:us-east-1:" + network.account.id() + ":log-group:/backlane/dns")).resolverQueryLogConfig().id();
        String association = resolver.associateResolverQueryLogConfig(request -> request.resolverQueryLogConfigId(config).resourceId(network.vpc))
                .resolverQueryLogConfigAssociation().id();
        waitFor(() -> resolver.getResolverQueryLogConfigAssociation(request -> request.resolverQueryLogConfigAssociationId(association))
                .resolverQueryLogConfigAssociation().statusAsString().equals("ACTIVE") ? Optional.of(true) : Optional.empty());
        List<String> answers = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");

        JsonNode record = waitFor(() -> {
            // The VPC's stream is made by the first delivery (every second): until then the CLI gets ResourceNotFoundException.
            Optional<JsonNode> got = awsIfAnswered("logs", "get-log-events", "--log-group-name", "/backlane/dns", "--log-stream-name", network.vpc,
                    "--start-from-head");
            for (JsonNode event : got.map(answer -> answer.path("events")).orElse(JSON.createArrayNode())) {
                JsonNode query = parse(event.path("message").asText());
                if (query.path("query_name").asText().equals("s3.us-east-1.amazonaws.com.")) {
                    return Optional.of(query);
                }
            }
            return Optional.empty();
        });
        assertEquals(network.vpc, record.path("vpc_id").asText());
        assertEquals(network.account.id(), record.path("account_id").asText());
        assertEquals("A", record.path("query_type").asText());
        assertEquals("NOERROR", record.path("rcode").asText());
        assertEquals(answers, List.of(record.path("answers").get(0).path("Rdata").asText()));
    }

    /** One flow's records on the workload's interface: addresses, ports, direction, traffic path; bytes the payload plus 52 per packet. */
    private static void assertFlow(List<String[]> lines, String source, String sourcePort, String destination, String destinationPort, String direction,
            String trafficPath, long payload) {
        List<String[]> flow = lines.stream().filter(line -> line[2].equals(workloadEni) && line[3].equals(source) && line[5].equals(sourcePort)
                && line[4].equals(destination) && line[6].equals(destinationPort)).toList();
        assertTrue(!flow.isEmpty(), "no record from " + source + ":" + sourcePort);
        flow.forEach(line -> assertEquals(List.of("ACCEPT", "OK", network.vpc, network.privateSubnet), List.of(line).subList(12, 16)));
        flow.forEach(line -> assertEquals(List.of(direction, trafficPath), List.of(line).subList(17, 19)));
        long packets = flow.stream().mapToLong(line -> Long.parseLong(line[8])).sum();
        long bytes = flow.stream().mapToLong(line -> Long.parseLong(line[9])).sum();
        assertEquals(payload + packets * PacketEstimate.HEADER_BYTES, bytes, "bytes of " + packets + " packets carrying " + payload);
        assertTrue(packets >= 2 + (payload + PacketEstimate.SEGMENT_PAYLOAD - 1) / PacketEstimate.SEGMENT_PAYLOAD, "handshake, data and FIN: " + packets);
    }

    private static boolean waitedForReject() {
        return !logs.filterLogEvents(request -> request.logGroupName(FLOWS).logStreamNames(endpointEni + "-all")
                .filterPattern("[" + FIELDS.replace("action", "action=\"REJECT\"") + "]")).events().isEmpty();
    }

    /** Waits for the minute's window to end and be delivered (a second's schedule after it): at most 70 s. */
    private static <T> T waitFor(Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(70).toNanos();
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not delivered within 70 s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode aws(String... arguments) {
        ExternalProgram.Result result = awsCli(arguments);
        assertEquals(0, result.exitCode(), result::describe);
        return json(result);
    }

    /** The CLI's answer, or empty when it failed (a resource not there yet). */
    private static Optional<JsonNode> awsIfAnswered(String... arguments) {
        ExternalProgram.Result result = awsCli(arguments);
        return result.exitCode() == 0 ? Optional.of(json(result)) : Optional.empty();
    }

    private static ExternalProgram.Result awsCli(String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", backlane.endpoint(), "--output", "json"));
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("AWS_ACCESS_KEY_ID", network.account.id());
        return AwsCliJson.awsCli().run(home, environment, Duration.ofMinutes(1), command);
    }

    private static JsonNode json(ExternalProgram.Result result) {
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(file -> file.toString().endsWith(".log.gz")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
