package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * FIS's aws:network:disrupt-connectivity driven by the AWS CLI: while the experiment runs, a workload's EC2 call (the
 * SDK for Java v2) from the disrupted subnet through its gateway is dropped by the FIS network ACL (here a 504 naming the ACL rule,
 * {@code --blocked-traffic=error}) and {@code describe-network-acls} shows the subnet on the ACL tagged
 * {@code managedByFIS=true}; once the CLI stops the experiment the subnet is back on its own ACL and the call goes through.
 */
class DisruptConnectivityIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests().withBlockedTraffic(BlockedTraffic.ERROR));

    @Test
    void theSubnetsCallsAreDroppedByTheFisAclWhileTheExperimentRunsAndGoThroughAfterItStops() throws Exception {
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 97);
        String account = network.account.id();
        JsonNode workload = network.workload(backlane.endpoint());
        Ec2Client throughGateway = Ec2Client.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(workload.path("endpointUrl").asText())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "test")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build()).build();
        assertTrue(throughGateway.describeVpcs().vpcs().stream().anyMatch(vpc -> vpc.vpcId().equals(network.vpc)), "before: out through the NAT gateway");

        Path home = Files.createTempDirectory("fis-disrupt-");
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("AWS_ACCESS_KEY_ID", account);
        ExternalProgram aws = AwsCliJson.awsCli();
        String ownAcl = aclOf(network.ec2, network.privateSubnet);
        String template = """
                {"description": "cut the private subnet off", "roleArn": "arn:aws:iam::%s:role/fis", "stopConditions": [{"source": "none"}],
                 "targets": {"private": {"resourceType": "aws:ec2:subnet", "resourceArns": ["arn:aws:ec2:us-east-1:%s:subnet/%s"],
                                         "selectionMode": "ALL"}},
                 "actions": {"cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "private"},
                                     "parameters": {"scope": "all", "duration": "PT10M"}}}}
                """.formatted(account, account, network.privateSubnet);
        String templateId = cli(aws, home, environment, "fis", "create-experiment-template", "--cli-input-json", template)
                .path("experimentTemplate").path("id").asText();
        String experimentId = cli(aws, home, environment, "fis", "start-experiment", "--experiment-template-id", templateId)
                .path("experiment").path("id").asText();

        JsonNode fisAcl = aclOf(cli(aws, home, environment, "ec2", "describe-network-acls", "--filters", "Name=tag:managedByFIS,Values=true"),
                network.privateSubnet);
        assertNotEquals(ownAcl, fisAcl.path("NetworkAclId").asText());
        assertEquals(2, fisAcl.path("Entries").size(), "scope all: only the * deny rules " + fisAcl);
        Ec2Exception dropped = assertThrows(Ec2Exception.class, throughGateway::describeVpcs);
        assertEquals(504, dropped.statusCode());
        String explanation = dropped.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-backlane-explanation").orElseThrow();
        assertTrue(explanation.contains("ACL"), explanation);

        cli(aws, home, environment, "fis", "stop-experiment", "--id", experimentId);

        assertEquals(ownAcl, aclOf(network.ec2, network.privateSubnet));
        assertTrue(network.ec2.describeNetworkAcls(r -> r.filters(f -> f.name("tag:managedByFIS").values("true"))).networkAcls().isEmpty(),
                "the FIS ACL is deleted");
        assertTrue(throughGateway.describeVpcs().vpcs().stream().anyMatch(vpc -> vpc.vpcId().equals(network.vpc)), "after: through again");
        throughGateway.close();
    }

    /** The ID of the subnet's network ACL, read with the SDK. */
    private static String aclOf(Ec2Client ec2, String subnetId) {
        return ec2.describeNetworkAcls(r -> r.filters(f -> f.name("association.subnet-id").values(subnetId))).networkAcls().get(0).networkAclId();
    }

    /** The one ACL of the answer associated with the subnet. */
    private static JsonNode aclOf(JsonNode described, String subnetId) {
        List<JsonNode> acls = new java.util.ArrayList<>();
        described.path("NetworkAcls").forEach(acl -> acl.path("Associations").forEach(association -> {
            if (association.path("SubnetId").asText().equals(subnetId)) {
                acls.add(acl);
            }
        }));
        assertEquals(1, acls.size(), described.toString());
        return acls.get(0);
    }

    private static JsonNode cli(ExternalProgram aws, Path home, Map<String, String> environment, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", backlane.endpoint(), "--output", "json"));
        ExternalProgram.Result result = aws.run(home, environment, Duration.ofMinutes(1), command);
        assertEquals(0, result.exitCode(), result::describe);
        return WorkloadNetwork.json(result.stdout());
    }
}
