package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI against Backlane: the CLI's own request building, response parsing, {@code --filters},
 * {@code --query} and exit codes must all work unchanged with nothing but {@code --endpoint-url}.
 */
class AwsCliIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ExternalProgram aws;

    @TempDir
    static Path home;

    @BeforeAll
    static void findCli() {
        aws = ExternalProgram.find("aws", Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws"), Path.of("/usr/local/bin/aws"))
                .orElse(null);
        if (aws == null) {
            System.out.println("AwsCliIT skipped: no 'aws' executable on the PATH");
        }
        Assumptions.assumeTrue(aws != null, "the AWS CLI ('aws') is not installed");
    }

    @Test
    void networkScenario() {
        String vpcId = ok("ec2", "create-vpc", "--cidr-block", "10.50.0.0/16",
                "--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=cli-vpc},{Key=team,Value=e2e}]")
                .path("Vpc").path("VpcId").asText();
        assertTrue(vpcId.matches("vpc-[0-9a-f]{17}"), vpcId);

        JsonNode subnet = ok("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.50.1.0/24", "--availability-zone", "us-east-1a")
                .path("Subnet");
        String subnetId = subnet.path("SubnetId").asText();
        assertEquals("10.50.1.0/24", subnet.path("CidrBlock").asText());
        assertEquals(251, subnet.path("AvailableIpAddressCount").asInt(), "a /24 less AWS's five reserved addresses");

        String groupId = ok("ec2", "create-security-group", "--group-name", "cli-web", "--description", "web servers", "--vpc-id", vpcId)
                .path("GroupId").asText();
        assertTrue(groupId.matches("sg-[0-9a-f]{17}"), groupId);
        JsonNode authorized = ok("ec2", "authorize-security-group-ingress", "--group-id", groupId,
                "--protocol", "tcp", "--port", "443", "--cidr", "203.0.113.0/24");
        assertTrue(authorized.path("Return").asBoolean(), authorized.toString());

        assertEquals(List.of(vpcId), texts(ok("ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=cli-*", "--query", "Vpcs[].VpcId")));
        assertEquals(List.of(), texts(ok("ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=cli-*", "Name=tag:team,Values=other",
                "--query", "Vpcs[].VpcId")), "filters all apply");
        JsonNode subnets = ok("ec2", "describe-subnets", "--filters", "Name=vpc-id,Values=" + vpcId,
                "--query", "Subnets[].{id:SubnetId,cidr:CidrBlock,az:AvailabilityZone}");
        assertEquals(1, subnets.size(), subnets.toString());
        assertEquals(subnetId, subnets.get(0).path("id").asText());
        assertEquals("us-east-1a", subnets.get(0).path("az").asText());
        JsonNode permission = ok("ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values=" + vpcId, "Name=group-name,Values=cli-*",
                "--query", "SecurityGroups[0].IpPermissions[0]");
        assertEquals("tcp", permission.path("IpProtocol").asText(), permission.toString());
        assertEquals(443, permission.path("FromPort").asInt());
        assertEquals(443, permission.path("ToPort").asInt());
        assertEquals("203.0.113.0/24", permission.path("IpRanges").path(0).path("CidrIp").asText());
        assertEquals(List.of("default"), texts(ok("ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values=" + vpcId,
                "Name=group-name,Values=def*", "--query", "SecurityGroups[].GroupName")), "each VPC has its default group");

        assertTrue(failure("DependencyViolation", "ec2", "delete-vpc", "--vpc-id", vpcId).contains(vpcId));
        ok("ec2", "delete-security-group", "--group-id", groupId);
        ok("ec2", "delete-subnet", "--subnet-id", subnetId);
        ok("ec2", "delete-vpc", "--vpc-id", vpcId);
        assertEquals(List.of(true), booleans(ok("ec2", "describe-vpcs", "--query", "Vpcs[].IsDefault")), "only the default VPC is left");
    }

    @Test
    void instancesLaunchWaitAndTerminate() throws InterruptedException {
        JsonNode launched = ok("ec2", "run-instances", "--image-id", "ami-760aaa0f", "--instance-type", "t3.micro", "--count", "2",
                "--tag-specifications", "ResourceType=instance,Tags=[{Key=Name,Value=cli-app}]");
        List<String> ids = new ArrayList<>();
        List<String> states = new ArrayList<>();
        launched.path("Instances").forEach(instance -> {
            ids.add(instance.path("InstanceId").asText());
            states.add(instance.path("State").path("Name").asText());
        });
        assertEquals(2, ids.size(), launched.toString());
        assertEquals(List.of("pending", "pending"), states);
        // Past the instance-pending transition, so the waiter's first poll already finds them running.
        Thread.sleep(1_200);
        List<String> wait = new ArrayList<>(List.of("ec2", "wait", "instance-running", "--instance-ids"));
        wait.addAll(ids);
        ok(Map.of(), wait);
        assertEquals(ids.stream().sorted().toList(), texts(ok("ec2", "describe-instances", "--filters", "Name=tag:Name,Values=cli-app",
                "Name=instance-state-name,Values=running", "--query", "Reservations[].Instances[].InstanceId")).stream().sorted().toList());
        failure("InvalidAMIID.NotFound", "ec2", "run-instances", "--image-id", "ami-12345678", "--count", "1");
        List<String> terminate = new ArrayList<>(List.of("ec2", "terminate-instances", "--query", "TerminatingInstances[].CurrentState.Name",
                "--instance-ids"));
        terminate.addAll(ids);
        assertEquals(List.of("shutting-down", "shutting-down"), texts(ok(Map.of(), terminate)));
    }

    @Test
    void errorsExitNonZeroWithTheAwsErrorCode() {
        failure("InvalidVpcID.NotFound", "ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0");
        failure("InvalidVpcID.Malformed", "ec2", "delete-vpc", "--vpc-id", "vpc-nope");
        failure("InvalidParameterValue", "ec2", "create-vpc", "--cidr-block", "10.0.0.0/33");
        failure("DryRunOperation", "ec2", "create-vpc", "--cidr-block", "10.60.0.0/16", "--dry-run");
        assertEquals(List.of(), texts(ok("ec2", "describe-vpcs", "--filters", "Name=cidr,Values=10.60.0.0/16", "--query", "Vpcs[].VpcId")),
                "the dry run created nothing");
    }

    @Test
    void callerIdentityNamesTheAccount() {
        JsonNode identity = ok("sts", "get-caller-identity");
        assertEquals("000000000000", identity.path("Account").asText());
        assertEquals("arn:aws:iam::000000000000:root", identity.path("Arn").asText());
        assertEquals("123456789012", ok(Map.of("AWS_ACCESS_KEY_ID", "123456789012"), List.of("sts", "get-caller-identity", "--query", "Account"))
                .asText());
    }

    private static JsonNode ok(String... arguments) {
        return ok(Map.of(), List.of(arguments));
    }

    private static JsonNode ok(Map<String, String> extraEnvironment, List<String> arguments) {
        ExternalProgram.Result result = run(extraEnvironment, arguments);
        if (result.exitCode() != 0) {
            fail("aws failed:\n" + result.describe());
        }
        try {
            return result.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(result.stdout());
        } catch (JsonProcessingException e) {
            return fail("aws printed no JSON:\n" + result.describe(), e);
        }
    }

    /** Runs a command that must fail as a service error (exit 254 in CLI v2, 255 in v1) naming {@code errorCode}; returns stderr. */
    private static String failure(String errorCode, String... arguments) {
        ExternalProgram.Result result = run(Map.of(), List.of(arguments));
        assertTrue(result.exitCode() == 254 || result.exitCode() == 255, () -> "expected a service error:\n" + result.describe());
        assertTrue(result.stderr().contains("(" + errorCode + ")"), () -> "expected " + errorCode + ":\n" + result.describe());
        return result.stderr();
    }

    private static ExternalProgram.Result run(Map<String, String> extraEnvironment, List<String> arguments) {
        List<String> command = new ArrayList<>(arguments);
        command.addAll(List.of("--endpoint-url", backlane.endpoint(), "--output", "json"));
        Map<String, String> environment = new HashMap<>(environment(home));
        environment.putAll(extraEnvironment);
        return aws.run(home, environment, Duration.ofMinutes(2), command);
    }

    /** What the AWS CLI and boto3 need to run against Backlane alone: test credentials, a region, no files or metadata service of the user's. */
    static Map<String, String> environment(Path home) {
        return Map.of(
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static List<Boolean> booleans(JsonNode array) {
        List<Boolean> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asBoolean()));
        return values;
    }
}
