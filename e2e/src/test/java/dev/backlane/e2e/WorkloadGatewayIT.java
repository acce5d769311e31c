package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real clients (the AWS SDK for Java v2 and boto3) calling S3 through a workload's gateway, with the small S3 of
 * {@link S3TestServer} as the S3 upstream, and STS and EC2 served by Backlane itself: PRIVATE through a gateway
 * endpoint whose policy allows GetObject and denies PutObject (the denial is S3's 403 XML, and never reaches S3),
 * PUBLIC through the NAT gateway once the endpoint is gone, BLOCKED (here as 504, {@code --blocked-traffic=error})
 * when an interface endpoint's security group loses its HTTPS rule, and PUBLIC again with private DNS off; each
 * with what {@code dig} gets from the VPC's DNS listener.
 */
class WorkloadGatewayIT {
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static final String BUCKET = "reports";
    private static final byte[] CONTENT = "quarterly figures".getBytes(StandardCharsets.UTF_8);
    private static final String GET_ONLY_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadReports", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
              {"Sid": "NoWrites", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}
            """;

    private static GatewayEvents events;

    @BeforeAll
    static void seed() {
        events = new GatewayEvents(backlane.server().events());
        // The bucket exists in S3 itself, as it would on AWS: made directly, not through any gateway.
        try (S3Client direct = s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket(BUCKET));
            direct.putObject(request -> request.bucket(BUCKET).key("q1.csv"), RequestBody.fromBytes(CONTENT));
        }
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void privateThroughTheGatewayEndpointReadsAndTheEndpointPolicyRefusesWritesInS3sXml() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 61);
        String endpoint = network.s3GatewayEndpoint(GET_ONLY_POLICY);
        JsonNode workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        try (S3Client s3 = s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            GatewayRequestEvent read = events.judged(id,
                    () -> assertArrayEquals(CONTENT, s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv")).asByteArray()));
            assertEquals(Verdict.PRIVATE, read.verdict().orElseThrow());
            assertEquals(endpoint, read.via().orElseThrow());

            int before = S3_UPSTREAM.received().size();
            S3Exception[] thrown = new S3Exception[1];
            GatewayRequestEvent write = events.judged(id, () -> thrown[0] = assertThrows(S3Exception.class,
                    () -> s3.putObject(request -> request.bucket(BUCKET).key("q2.csv"), RequestBody.fromString("new"))));
            S3Exception denied = thrown[0];
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            String message = denied.awsErrorDetails().errorMessage();
            assertTrue(message.contains("s3:PutObject") && message.contains("VPC endpoint policy"), message);
            assertEquals(before, S3_UPSTREAM.received().size(), "a denied call never reaches S3");
            assertEquals(GatewayRequestEvent.Outcome.RESPONDED, write.outcome());
            assertEquals(Verdict.BLOCKED, write.verdict().orElseThrow());
            assertEquals("ENDPOINT_POLICY_DENIES", write.explanationCode().orElseThrow());
        }
        // A gateway endpoint changes routes, not DNS: the VPC's resolver gives S3's public addresses.
        List<String> addresses = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
        assertFalse(addresses.isEmpty());
        assertTrue(addresses.stream().noneMatch(address -> address.startsWith("10.61.")), addresses.toString());

        // boto3 sees the same: the read goes through, the write is AccessDenied in S3's words.
        JsonNode boto3 = boto3(workload, network.account.id(), """
                import boto3, botocore, json, os
                s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
                out = {"read": s3.get_object(Bucket="reports", Key="q1.csv")["Body"].read().decode()}
                try:
                    s3.put_object(Bucket="reports", Key="q3.csv", Body=b"x")
                    out["write"] = "accepted"
                except botocore.exceptions.ClientError as e:
                    out["write"] = e.response["Error"]["Code"]
                    out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
                print(json.dumps(out))
                """);
        assertEquals("quarterly figures", boto3.path("read").asText());
        assertEquals("AccessDenied", boto3.path("write").asText());
        assertEquals(403, boto3.path("status").asInt());
        assertTrue(S3_UPSTREAM.object(BUCKET, "q3.csv").isEmpty());
    }

    @Test
    void publicThroughTheNatGatewayOnceTheEndpointIsRemoved() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 62);
        String endpoint = network.s3GatewayEndpoint(GET_ONLY_POLICY);
        JsonNode workload = network.workload(backlane);
        network.ec2.deleteVpcEndpoints(request -> request.vpcEndpointIds(endpoint));
        try (S3Client s3 = s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            GatewayRequestEvent write = events.judged(workload.path("workloadId").asText(),
                    () -> s3.putObject(request -> request.bucket(BUCKET).key("public.csv"), RequestBody.fromString("via nat")));
            assertEquals(Verdict.PUBLIC, write.verdict().orElseThrow());
            assertEquals(network.natGateway, write.via().orElseThrow());
            assertEquals("via nat", new String(S3_UPSTREAM.object(BUCKET, "public.csv").orElseThrow(), StandardCharsets.UTF_8));
        }
        List<String> addresses = WorkloadNetwork.dig(workload, "reports.s3.us-east-1.amazonaws.com");
        assertFalse(addresses.isEmpty());
        assertTrue(addresses.stream().noneMatch(address -> address.startsWith("10.62.")), addresses.toString());
    }

    @Test
    void blockedWhenTheInterfaceEndpointLosesItsHttpsRuleAndPublicWithPrivateDnsOff() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 63);
        String[] endpointAndGroup = network.s3InterfaceEndpoint();
        String endpoint = endpointAndGroup[0];
        JsonNode workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        try (S3Client s3 = s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            Runnable read = () -> assertArrayEquals(CONTENT, s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv")).asByteArray());
            GatewayRequestEvent privately = events.judged(id, read);
            assertEquals(Verdict.PRIVATE, privately.verdict().orElseThrow());
            assertEquals(endpoint, privately.via().orElseThrow());
            List<String> privateAddresses = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
            assertEquals(1, privateAddresses.size());
            assertTrue(privateAddresses.get(0).startsWith("10.63.1."), "the endpoint's interface in the private subnet: " + privateAddresses);

            network.ec2.revokeSecurityGroupIngress(request -> request.groupId(endpointAndGroup[1]).ipPermissions(network.https()));
            S3Exception[] thrown = new S3Exception[1];
            GatewayRequestEvent dropped = events.judged(id, () -> thrown[0] = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("q1.csv"))));
            assertEquals(504, thrown[0].statusCode());
            String explanation = thrown[0].awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-backlane-explanation").orElseThrow();
            assertEquals(Verdict.BLOCKED, dropped.verdict().orElseThrow());
            assertEquals(explanation, dropped.explanationCode().orElseThrow());
            assertTrue(explanation.contains("SECURITY_GROUP") || explanation.contains("ENI_SG"), explanation);

            network.ec2.modifyVpcEndpoint(request -> request.vpcEndpointId(endpoint).privateDnsEnabled(false));
            GatewayRequestEvent around = events.judged(id, read);
            assertEquals(Verdict.PUBLIC, around.verdict().orElseThrow());
            assertEquals(network.natGateway, around.via().orElseThrow());
            List<String> publicAddresses = WorkloadNetwork.dig(workload, "s3.us-east-1.amazonaws.com");
            assertTrue(publicAddresses.stream().noneMatch(address -> address.startsWith("10.63.")), publicAddresses.toString());
        }
    }

    @Test
    void stsAndEc2AreServedByBacklaneItselfThroughTheGateway() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 64);
        JsonNode workload = network.workload(backlane);
        URI gateway = URI.create(workload.path("endpointUrl").asText());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(network.account.id(), "test"));
        try (StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(gateway).region(Region.US_EAST_1)
                .credentialsProvider(credentials).overrideConfiguration(noRetries()).build();
                Ec2Client ec2 = Ec2Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(gateway).region(Region.US_EAST_1)
                        .credentialsProvider(credentials).overrideConfiguration(noRetries()).build()) {
            String id = workload.path("workloadId").asText();
            GatewayRequestEvent identity = events.judged(id, () -> assertEquals(network.account.id(), sts.getCallerIdentity().account()));
            assertEquals(Verdict.PUBLIC, identity.verdict().orElseThrow(), "no STS endpoint in the VPC: out through the NAT gateway");
            assertEquals(GatewayRequestEvent.Outcome.FORWARDED, identity.outcome());
            GatewayRequestEvent describe = events.judged(id,
                    () -> assertTrue(ec2.describeVpcs().vpcs().stream().anyMatch(vpc -> vpc.vpcId().equals(network.vpc))));
            assertEquals(network.natGateway, describe.via().orElseThrow());
            assertEquals("ec2:DescribeVpcs", describe.facts().orElseThrow().action());
        }
        assertFalse(WorkloadNetwork.dig(workload, "sts.us-east-1.amazonaws.com").isEmpty());
    }

    /** An S3 client as an application has it: the SDK's default HTTP client (Apache), which sends PutObject with 100-continue. */
    static S3Client s3(URI endpoint, String accessKeyId) {
        return S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .overrideConfiguration(noRetries()).build();
    }

    private static ClientOverrideConfiguration noRetries() {
        RetryStrategy none = AwsRetryStrategy.doNotRetry();
        return ClientOverrideConfiguration.builder().retryStrategy(none).build();
    }

    /** Runs a boto3 script with the workload's gateway as AWS_ENDPOINT_URL; its one line of JSON. */
    static JsonNode boto3(JsonNode workload, String accessKeyId, String script) throws Exception {
        Path file = Files.createTempFile("gateway-boto3-", ".py");
        try {
            Files.writeString(file, script);
            ExternalProgram python = ExternalProgram.find("python3").orElseThrow(() -> new IllegalStateException("python3 is not installed"));
            ExternalProgram.Result result = python.run(Path.of("."), Map.of("AWS_ENDPOINT_URL", workload.path("endpointUrl").asText(),
                    "AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_MAX_ATTEMPTS", "1"), Duration.ofSeconds(60), List.of(file.toString()));
            assertEquals(0, result.exitCode(), result.describe());
            return WorkloadNetwork.json(result.stdout().strip());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
