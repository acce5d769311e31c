package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** An assumed role's temporary credentials act as its session across a restart of the server on the same store. */
class StsSessionsIT {
    private static final String ACCOUNT = "444455556666";

    @Test
    void temporaryCredentialsActAsTheRolesSessionAfterARestart() throws Exception {
        ServerConfig config = ServerConfig.forTests().withStore(Files.createTempDirectory("backlane-sts"), false);
        Credentials credentials;
        String vpcId;
        try (BacklaneServer first = BacklaneServer.start(config);
                StsClient sts = StsClient.builder().endpointOverride(URI.create(first.endpoint())).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "test"))).build()) {
            credentials = sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + ACCOUNT + ":role/orders").roleSessionName("drill"))
                    .credentials();
            assertTrue(credentials.accessKeyId().startsWith("ASIA"), credentials.accessKeyId());
            try (Ec2Client ec2 = ec2(first, session(credentials))) {
                vpcId = ec2.createVpc(request -> request.cidrBlock("10.8.0.0/16")).vpc().vpcId();
            }
        }
        try (BacklaneServer second = BacklaneServer.start(config);
                StsClient sts = StsClient.builder().endpointOverride(URI.create(second.endpoint())).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(session(credentials))).build();
                Ec2Client ec2 = ec2(second, session(credentials))) {
            var identity = sts.getCallerIdentity();
            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/orders/drill", identity.arn(), "the session, not the default account's root");
            assertEquals(ACCOUNT, identity.account());
            assertTrue(identity.userId().matches("AROA[A-Z2-7]{17}:drill"), identity.userId());
            assertTrue(ec2.describeVpcs().vpcs().stream().anyMatch(vpc -> vpc.vpcId().equals(vpcId)), "calls made in the role's account");
        }
    }

    private static AwsCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
    }

    private static Ec2Client ec2(BacklaneServer server, AwsCredentials credentials) {
        return Ec2Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }
}
