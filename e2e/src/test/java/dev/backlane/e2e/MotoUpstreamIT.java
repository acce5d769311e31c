package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * moto's S3 ({@code moto_server}) as the upstream every service Backlane does not serve goes to
 * ({@code --upstream default=URL}): the SDK for Java v2 and boto3 through a workload's gateway read through an S3
 * gateway endpoint whose policy denies writes, are refused by the policy, and write once the endpoint is removed.
 */
class MotoUpstreamIT {
    private static final MotoServer MOTO = MotoServer.start(Path.of("target", "server-logs", "MotoUpstreamIT", "moto.log").toAbsolutePath())
            .orElseThrow(() -> new IllegalStateException("moto_server is not installed (pip install 'moto[server]')"));

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("default=" + MOTO.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
              {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}
            """;

    @AfterAll
    static void stopMoto() {
        MOTO.close();
    }

    @Test
    void motoServesS3BehindTheGatewayWithTheEndpointPolicyInFront() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(MOTO.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("moto-bucket"));
            direct.putObject(request -> request.bucket("moto-bucket").key("seed.txt"), RequestBody.fromString("from moto"));
        }
        GatewayEvents events = new GatewayEvents(backlane.server().events());
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 81);
        String endpoint = network.s3GatewayEndpoint(POLICY);
        JsonNode workload = network.workload(backlane);
        String id = workload.path("workloadId").asText();
        try (S3Client s3 = WorkloadGatewayIT.s3(URI.create(workload.path("endpointUrl").asText()), network.account.id())) {
            GatewayRequestEvent read = events.judged(id,
                    () -> assertEquals("from moto", s3.getObjectAsBytes(request -> request.bucket("moto-bucket").key("seed.txt")).asUtf8String()));
            assertEquals(Verdict.PRIVATE, read.verdict().orElseThrow());
            assertEquals(endpoint, read.via().orElseThrow());
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> s3.putObject(request -> request.bucket("moto-bucket").key("denied.txt"), RequestBody.fromString("x")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());

            JsonNode boto3 = WorkloadGatewayIT.boto3(workload, network.account.id(), """
                    import boto3, botocore, json, os
                    s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
                    out = {"keys": [o["Key"] for o in s3.list_objects_v2(Bucket="moto-bucket").get("Contents", [])]}
                    try:
                        s3.put_object(Bucket="moto-bucket", Key="boto3.txt", Body=b"x")
                        out["write"] = "accepted"
                    except botocore.exceptions.ClientError as e:
                        out["write"] = e.response["Error"]["Code"]
                    print(json.dumps(out))
                    """);
            assertEquals("[\"seed.txt\"]", boto3.path("keys").toString());
            assertEquals("AccessDenied", boto3.path("write").asText());

            network.ec2.deleteVpcEndpoints(request -> request.vpcEndpointIds(endpoint));
            GatewayRequestEvent write = events.judged(id,
                    () -> s3.putObject(request -> request.bucket("moto-bucket").key("public.txt"), RequestBody.fromString("via nat")));
            assertEquals(Verdict.PUBLIC, write.verdict().orElseThrow());
            assertEquals(network.natGateway, write.via().orElseThrow());
        }
        try (S3Client direct = WorkloadGatewayIT.s3(MOTO.endpoint(), "test")) {
            assertEquals("via nat", direct.getObjectAsBytes(request -> request.bucket("moto-bucket").key("public.txt")).asUtf8String());
            assertTrue(direct.listObjectsV2(request -> request.bucket("moto-bucket")).contents().stream()
                    .noneMatch(object -> object.key().equals("denied.txt") || object.key().equals("boto3.txt")));
        }
    }
}
