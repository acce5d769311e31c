package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * The request log through real SDK calls: one line per call with the SDK's invocation ID and attempt,
 * and, when an answer is lost after the commit, the SDK's retry as a second line of the same invocation.
 */
class RequestLogIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final IpPermission ALL_TRAFFIC_OUT = IpPermission.builder().ipProtocol("-1").fromPort(0).toPort(0)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();

    private static List<RequestLogLine> linesFor(String account, String action, int count) {
        return RequestLogLine.parseAll(backlane.requestLogLines(lines -> RequestLogLine.parseAll(lines).stream()
                .filter(line -> line.is("account", account) && line.is("action", action)).count() >= count)).stream()
                .filter(line -> line.is("account", account) && line.is("action", action)).toList();
    }

    @Test
    void everyCallIsOneLineWithItsAccountActionResourcesOutcomeAndSdkAttempt() {
        BacklaneExtension.Account account = backlane.newAccount();
        String vpcId = account.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        assertAwsError("InvalidVpcID.NotFound", () -> account.ec2().deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0")));

        RequestLogLine created = linesFor(account.id(), "CreateVpc", 1).get(0);
        assertEquals("ec2", created.get("service"));
        assertEquals("us-east-1", created.get("region"));
        assertEquals(200, created.status());
        assertEquals(vpcId, created.get("ids"), "the ID the create returned");
        assertEquals("1", created.get("attempt"));
        assertNotNull(created.get("invocation_id"), "the SDK's amz-sdk-invocation-id");
        assertEquals("true", created.get("sent"));
        assertTrue(Double.parseDouble(created.get("latency_ms")) > 0);

        RequestLogLine refused = linesFor(account.id(), "DeleteVpc", 1).get(0);
        assertEquals(400, refused.status());
        assertEquals("InvalidVpcID.NotFound", refused.get("error"));
        assertEquals("vpc-0123456789abcdef0", refused.get("ids"), "the ID the request named");
    }

    /**
     * The intermittent TerraformIT failure, made to happen: the answer to an AuthorizeSecurityGroupEgress
     * that Backlane carried out is lost, the SDK retries it, and the retry meets the rule its first attempt
     * added. (AWS answers a repeated authorize the same way.) The request log shows it: two lines with one
     * invocation ID, attempt 1 answered 200, attempt 2 InvalidPermission.Duplicate.
     */
    @Test
    void sdkRetryAfterALostAnswerIsASecondLineOfTheSameInvocation() throws Exception {
        BacklaneExtension.Account account = backlane.newAccount();
        String vpcId = account.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String groupId = account.ec2().createSecurityGroup(r -> r.groupName("tf-web").description("web").vpcId(vpcId)).groupId();
        try (ConnectionDroppingProxy proxy = new ConnectionDroppingProxy(URI.create(backlane.endpoint()),
                body -> body.contains("Action=AuthorizeSecurityGroupEgress"), 1)) {
            Ec2Client retrying = backlane.ec2WithSdkRetries(account.id(), proxy.endpoint());
            // What the aws provider does for an aws_security_group with an allow-all egress block.
            retrying.revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(ALL_TRAFFIC_OUT));
            assertAwsError("InvalidPermission.Duplicate", () -> retrying.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(ALL_TRAFFIC_OUT)));
            assertEquals(1, proxy.dropped());
        }

        List<RequestLogLine> attempts = linesFor(account.id(), "AuthorizeSecurityGroupEgress", 2);
        assertEquals(2, attempts.size(), () -> "one line per attempt: " + attempts);
        RequestLogLine first = attempts.get(0);
        RequestLogLine retry = attempts.get(1);
        assertEquals(first.get("invocation_id"), retry.get("invocation_id"), "one SDK invocation");
        assertEquals("1", first.get("attempt"));
        assertEquals(200, first.status());
        assertEquals(groupId, first.get("ids"));
        assertEquals("2", retry.get("attempt"));
        assertEquals("InvalidPermission.Duplicate", retry.get("error"));
        assertTrue(!first.get("client").equals(retry.get("client")), "the retry came on a new connection");
    }
}
