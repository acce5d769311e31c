package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A call the path engine finds BLOCKED (an S3 interface endpoint whose security group lost its HTTPS rule) under the
 * other two {@code --blocked-traffic} modes, each on a server of its own: {@code stall} holds the call unanswered until
 * the client gives up, as a dropped packet does on AWS; {@code reset} closes the connection at once. ({@code error}
 * is shown in {@link WorkloadGatewayIT}.)
 */
class BlockedTrafficIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

    @BeforeAll
    static void seed() {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("logs"));
            direct.putObject(request -> request.bucket("logs").key("today"), RequestBody.fromString("entries"));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void stallHoldsTheBlockedCallUnansweredUntilTheClientGivesUp() throws Exception {
        try (BacklaneServer server = start(BlockedTraffic.STALL)) {
            GatewayEvents events = new GatewayEvents(server.events());
            JsonNode workload = blockedWorkload(server);
            String id = workload.path("workloadId").asText();
            try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.builder().socketTimeout(CLIENT_TIMEOUT).build())
                    .endpointOverride(URI.create(workload.path("endpointUrl").asText())).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
                int reached = S3_UPSTREAM.received().size();
                long start = System.nanoTime();
                GatewayRequestEvent stalled = events.judged(id, () -> assertThrows(SdkClientException.class,
                        () -> s3.getObjectAsBytes(request -> request.bucket("logs").key("today"))));
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(waited.compareTo(CLIENT_TIMEOUT) >= 0, "the client gave up after its own timeout, not before: " + waited);
                assertEquals(GatewayRequestEvent.Outcome.STALLED, stalled.outcome());
                assertEquals(Verdict.BLOCKED, stalled.verdict().orElseThrow());
                assertEquals(0, stalled.status(), "nothing was answered");
                assertEquals(reached, S3_UPSTREAM.received().size(), "nothing reached S3");
            }
        }
    }

    @Test
    void resetClosesTheBlockedCallsConnectionAtOnce() throws Exception {
        try (BacklaneServer server = start(BlockedTraffic.RESET)) {
            GatewayEvents events = new GatewayEvents(server.events());
            JsonNode workload = blockedWorkload(server);
            try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), "test")) {
                long start = System.nanoTime();
                GatewayRequestEvent reset = events.judged(workload.path("workloadId").asText(), () -> assertThrows(SdkClientException.class,
                        () -> s3.getObjectAsBytes(request -> request.bucket("logs").key("today"))));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(CLIENT_TIMEOUT) < 0, "refused at once");
                assertEquals(GatewayRequestEvent.Outcome.RESET, reset.outcome());
            }
        }
    }

    private static BacklaneServer start(BlockedTraffic mode) {
        return BacklaneServer.start(ServerConfig.forTests().withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint())))
                .withBlockedTraffic(mode));
    }

    /** A workload whose S3 calls were PRIVATE through an interface endpoint until the endpoint's group lost its HTTPS rule. */
    private static JsonNode blockedWorkload(BacklaneServer server) throws InterruptedException {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        Ec2Client ec2 = Ec2Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        WorkloadNetwork network = WorkloadNetwork.build(new BacklaneExtension.Account(ServerConfig.DEFAULT_ACCOUNT, ec2, sts), 71);
        String[] endpointAndGroup = network.s3InterfaceEndpoint();
        JsonNode workload = network.workload(server.endpoint());
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), "test")) {
            assertArrayEquals("entries".getBytes(StandardCharsets.UTF_8),
                    s3.getObjectAsBytes(request -> request.bucket("logs").key("today")).asByteArray(), "private while the rule is there");
        }
        ec2.revokeSecurityGroupIngress(request -> request.groupId(endpointAndGroup[1]).ipPermissions(network.https()));
        return workload;
    }
}
