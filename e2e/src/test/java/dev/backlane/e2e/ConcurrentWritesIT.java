package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Many SDK clients at once through the HTTP port, with the SDK's default retries on, on one shared
 * security group and on a group of each client's own: authorize/revoke pairs and create/delete pairs.
 * Each client's calls are arranged so that, run one at a time in any order, none of them can fail; so
 * every InvalidPermission.Duplicate/NotFound or InvalidGroup.Duplicate/NotFound is a call carried out
 * twice (a retry after a lost answer) or a lost update, and fails the test with its request-log lines.
 */
class ConcurrentWritesIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final int CLIENTS = 12;
    private static final int ROUNDS = 60;
    private static final Set<String> IMPOSSIBLE = Set.of("InvalidPermission.Duplicate", "InvalidPermission.NotFound", "InvalidGroup.Duplicate",
            "InvalidGroup.NotFound");
    private static final IpPermission ALL_TRAFFIC_OUT = IpPermission.builder().ipProtocol("-1").fromPort(0).toPort(0)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();

    private static IpPermission port(int port) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port).ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").build()).build();
    }

    @Test
    void concurrentClientsWithSdkRetriesMeetNoErrorThatASerialExecutionCouldNotProduce() throws Exception {
        BacklaneExtension.Account account = backlane.newAccount();
        String vpcId = account.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String shared = account.ec2().createSecurityGroup(r -> r.groupName("shared").description("shared").vpcId(vpcId)).groupId();
        List<String> own = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            String name = "own-" + client;
            own.add(account.ec2().createSecurityGroup(r -> r.groupName(name).description("own").vpcId(vpcId)).groupId());
        }

        ConcurrentLinkedQueue<String> impossible = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            Ec2Client ec2 = backlane.ec2WithSdkRetries(account.id(), URI.create(backlane.endpoint()));
            calls.add(clients.submit(() -> {
                int made = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    String groupName = "temporary-" + number + "-" + round;
                    List<Runnable> steps = List.of(
                            // A rule of this client's own in the shared group: added, then removed.
                            () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(shared).ipPermissions(port(1000 + number))),
                            () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(shared).ipPermissions(port(1000 + number))),
                            // Terraform's pattern on the client's own group: revoke the allow-all egress, authorize it again.
                            () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(own.get(number)).ipPermissions(ALL_TRAFFIC_OUT)),
                            () -> ec2.authorizeSecurityGroupEgress(r -> r.groupId(own.get(number)).ipPermissions(ALL_TRAFFIC_OUT)),
                            // A group created and deleted by name.
                            () -> ec2.createSecurityGroup(r -> r.groupName(groupName).description("temporary").vpcId(vpcId)),
                            () -> ec2.deleteSecurityGroup(r -> r.groupId(groupIdNamed(ec2, vpcId, groupName))));
                    for (Runnable step : steps) {
                        try {
                            step.run();
                        } catch (AwsServiceException error) {
                            if (!IMPOSSIBLE.contains(error.awsErrorDetails().errorCode())) {
                                throw error;
                            }
                            impossible.add("client " + number + " round " + round + ": " + error.awsErrorDetails().errorCode() + " (request "
                                    + error.requestId() + ")");
                        }
                        made++;
                    }
                }
                return made;
            }));
        }
        int made = 0;
        for (Future<Integer> call : calls) {
            made += call.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();

        List<RequestLogLine> lines = RequestLogLine.parseAll(backlane.requestLogLines(all -> all.size() >= CLIENTS * ROUNDS * 7));
        List<String> failures = new ArrayList<>(impossible);
        for (String failure : impossible) {
            String requestId = failure.substring(failure.indexOf("(request ") + 9, failure.length() - 1);
            lines.stream().filter(line -> line.is("request_id", requestId)).findFirst()
                    .flatMap(line -> lines.stream().filter(other -> other.is("invocation_id", line.get("invocation_id"))).map(Object::toString)
                            .reduce((a, b) -> a + "\n  " + b))
                    .ifPresent(attempts -> failures.add("its invocation in the request log:\n  " + attempts));
        }
        assertEquals(List.of(), failures, "errors no serial execution could give, after " + made + " calls");
        assertEquals(List.of(), lines.stream().filter(line -> line.status() >= 500).toList(), "no call is answered with a server error");

        Ec2Client ec2 = account.ec2();
        assertEquals(List.of(), ec2.describeSecurityGroups(r -> r.groupIds(shared)).securityGroups().get(0).ipPermissions(),
                "every rule added to the shared group was removed");
        for (SecurityGroup group : ec2.describeSecurityGroups(r -> r.groupIds(own)).securityGroups()) {
            assertEquals(List.of(ALL_TRAFFIC_OUT.ipRanges().get(0).cidrIp()),
                    group.ipPermissionsEgress().stream().flatMap(rule -> rule.ipRanges().stream()).map(IpRange::cidrIp).toList(), group.groupName());
        }
        assertEquals(2 + CLIENTS, ec2.describeSecurityGroups(r -> r.filters(VpcSdkIT.filter("vpc-id", vpcId))).securityGroups().size(),
                "the default, shared and own groups; no temporary group is left");
    }

    private static String groupIdNamed(Ec2Client ec2, String vpcId, String name) {
        return ec2.describeSecurityGroups(r -> r.filters(VpcSdkIT.filter("vpc-id", vpcId), VpcSdkIT.filter("group-name", name)))
                .securityGroups().get(0).groupId();
    }
}
