package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.traffic.Upstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code backlane run} as a user types it, through the real {@code backlane} script: {@code aws s3 ls} and a boto3
 * script reach S3 (the small S3 of {@link S3TestServer}) and STS through the workload's gateway with nothing but the
 * environment {@code run} gives them; the program's exit code comes back; the ad-hoc workload and its network
 * interface are gone when it ends; a refused workload or a missing program gets its exit code.
 */
class RunCommandIT {
    private static final Path SCRIPT = Path.of("..", "backlane").toAbsolutePath().normalize();
    private static final S3TestServer S3_UPSTREAM = S3TestServer.start();

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withUpstreams(Upstreams.parse(List.of("s3=" + S3_UPSTREAM.endpoint()))).withBlockedTraffic(BlockedTraffic.ERROR));

    private static WorkloadNetwork network;

    @TempDir
    Path directory;

    @BeforeAll
    static void topology() throws Exception {
        try (S3Client direct = WorkloadGatewayIT.s3(S3_UPSTREAM.endpoint(), "test")) {
            direct.createBucket(request -> request.bucket("run-bucket"));
            direct.putObject(request -> request.bucket("run-bucket").key("hello.txt"), RequestBody.fromString("hello"));
        }
        network = WorkloadNetwork.build(backlane.newAccount(), 91);
    }

    @AfterAll
    static void stopUpstream() {
        S3_UPSTREAM.close();
    }

    @Test
    void awsS3LsListsTheBucketsThroughTheGateway() {
        ExternalProgram.Result result = run(List.of("aws", "s3", "ls"));
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("run-bucket"), result.describe());
        assertTrue(S3_UPSTREAM.received().contains("GET /"), "ListBuckets reached S3 through the gateway: " + S3_UPSTREAM.received());
        assertNoWorkloadLeft();
    }

    @Test
    void aBoto3ScriptReachesS3AndStsWithTheEnvironmentRunGivesIt() throws Exception {
        Path script = directory.resolve("script.py");
        Files.writeString(script, """
                import boto3, json, os
                s3 = boto3.client("s3")
                sts = boto3.client("sts")
                print(json.dumps({
                    "buckets": [b["Name"] for b in s3.list_buckets()["Buckets"]],
                    "object": s3.get_object(Bucket="run-bucket", Key="hello.txt")["Body"].read().decode(),
                    "account": sts.get_caller_identity()["Account"],
                    "dns": os.environ["BACKLANE_DNS"],
                    "region": os.environ["AWS_REGION"],
                    "workload": os.environ["BACKLANE_WORKLOAD"]}))
                """);
        ExternalProgram.Result result = run(List.of("python3", script.toString()));
        assertEquals(0, result.exitCode(), result.describe());
        JsonNode out = WorkloadNetwork.json(result.stdout().strip());
        assertTrue(out.path("buckets").toString().contains("run-bucket"), out.toString());
        assertEquals("hello", out.path("object").asText());
        assertEquals(network.account.id(), out.path("account").asText(), "STS answered by Backlane for the workload's account");
        assertEquals("us-east-1", out.path("region").asText());
        assertTrue(out.path("workload").asText().matches("wl-[0-9a-f]{17}"), out.toString());
        String[] dns = out.path("dns").asText().split(":");
        JsonNode listener = WorkloadNetwork.json("{\"dns\": {\"address\": \"" + dns[0] + "\", \"port\": " + dns[1] + "}}");
        assertFalse(WorkloadNetwork.dig(listener, "s3.us-east-1.amazonaws.com").isEmpty(), "BACKLANE_DNS answers for the workload's VPC");
        assertNoWorkloadLeft();
    }

    @Test
    void theProgramsExitCodeComesBackAndAFailureToStartHasItsOwn() {
        assertEquals(7, run(List.of("sh", "-c", "exit 7")).exitCode());
        ExternalProgram.Result missing = run(List.of("no-such-program-anywhere"));
        assertEquals(127, missing.exitCode(), missing.describe());
        assertTrue(missing.stderr().contains("backlane run: cannot start no-such-program-anywhere: not found"), missing.describe());
        assertNoWorkloadLeft();
    }

    @Test
    void stoppingRunRemovesItsWorkload() throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "run", "--endpoint-url", backlane.endpoint(), "--account",
                network.account.id(), "--subnet", network.privateSubnet, "--", "sleep", "60"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("run.log").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", network.account.id());
        Process run = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (workloadCount() == 0) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline, "run placed no workload: " + Files.readString(directory.resolve("run.log")));
                Thread.sleep(100);
            }
            // SIGTERM, as a supervisor or Ctrl-C (SIGINT) stops it: its shutdown hook removes the workload before it exits.
            run.destroy();
            assertTrue(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "run ended");
            assertEquals(0, workloadCount(), "the stopped run removed its workload: " + Files.readString(directory.resolve("run.log")));
            assertNoWorkloadLeft();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void aServerRunWithListenIsTheInstancesTargetUntilRunStops() throws Exception {
        String instance = network.ec2.runInstances(request -> request.imageId("ami-760aaa0f").subnetId(network.privateSubnet).minCount(1)
                .maxCount(1)).instances().get(0).instanceId();
        // ELB registers only running instances; a new one is pending for its launch time first.
        long running = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!network.ec2.describeInstances(request -> request.instanceIds(instance)).reservations().get(0).instances().get(0).state().nameAsString()
                .equals("running")) {
            assertTrue(System.nanoTime() < running, instance + " did not start");
            Thread.sleep(100);
        }
        ElasticLoadBalancingV2Client elb = backlane.elb(network.account.id());
        String loadBalancer = elb.createLoadBalancer(request -> request.name("run-listen").type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(network.privateSubnet)).loadBalancers().get(0).loadBalancerArn();
        String group = elb.createTargetGroup(request -> request.name("run-listen").protocol(ProtocolEnum.TCP).port(8080).vpcId(network.vpc)
                .healthCheckProtocol(ProtocolEnum.HTTP).healthCheckPath("/").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2)
                .healthyThresholdCount(2)).targetGroups().get(0).targetGroupArn();
        elb.createListener(request -> request.loadBalancerArn(loadBalancer).protocol(ProtocolEnum.TCP).port(8080)
                .defaultActions(action -> action.type("forward").targetGroupArn(group)));
        elb.registerTargets(request -> request.targetGroupArn(group).targets(target -> target.id(instance).port(8080)));

        // python3's own HTTP server, told where to listen only by $PORT.
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "run", "--endpoint-url", backlane.endpoint(), "--account",
                network.account.id(), "--instance", instance, "--listen", "8080", "--", "sh", "-c",
                "exec python3 -m http.server --bind 127.0.0.1 \"$PORT\""));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("listen.log").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", network.account.id());
        Process run = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (targetSockets().size() == 0) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline, "run mapped no target: " + Files.readString(directory.resolve("listen.log")));
                Thread.sleep(100);
            }
            JsonNode mapping = targetSockets().get(0);
            assertEquals(instance, mapping.path("instanceId").asText());
            assertEquals(8080, mapping.path("port").asInt());
            AwsAssertions.awaitEquals("healthy", () -> elb.describeTargetHealth(request -> request.targetGroupArn(group)).targetHealthDescriptions()
                    .get(0).targetHealth().stateAsString(), Duration.ofSeconds(40));
            assertTrue(Files.readString(directory.resolve("listen.log")).contains("\"GET / HTTP/1.1\" 200"),
                    "the checks reached python's server: " + Files.readString(directory.resolve("listen.log")));

            run.destroy();
            assertTrue(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "run ended");
            assertEquals(0, targetSockets().size(), "the stopped run removed its target socket");
            assertEquals(0, workloadCount());
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    @Test
    void aWorkloadBacklaneRefusesExitsOneWithEc2sError() {
        ExternalProgram.Result refused = script(List.of("run", "--endpoint-url", backlane.endpoint(), "--account", network.account.id(), "--subnet",
                "subnet-0123456789abcdef0", "--", "true"));
        assertEquals(1, refused.exitCode(), refused.describe());
        assertTrue(refused.stderr().contains("InvalidSubnetID.NotFound"), refused.describe());
        ExternalProgram.Result usage = script(List.of("run", "--endpoint-url", backlane.endpoint(), "--", "true"));
        assertEquals(2, usage.exitCode(), usage.describe());
    }

    private ExternalProgram.Result run(List<String> command) {
        List<String> arguments = new ArrayList<>(List.of("run", "--endpoint-url", backlane.endpoint(), "--account", network.account.id(),
                "--subnet", network.privateSubnet, "--security-group", network.appGroup, "--"));
        arguments.addAll(command);
        return script(arguments);
    }

    private ExternalProgram.Result script(List<String> arguments) {
        // The account's access key, as a user of Backlane sets it; no endpoint: run gives the program the gateway.
        return ExternalProgram.at(SCRIPT).run(directory, Map.of("AWS_ACCESS_KEY_ID", network.account.id(), "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_MAX_ATTEMPTS", "1"), Duration.ofSeconds(120), arguments);
    }

    private static JsonNode targetSockets() {
        return WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/targets", null).body()).path("targets");
    }

    private static int workloadCount() {
        return WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/workloads", null).body()).path("workloads").size();
    }

    private static void assertNoWorkloadLeft() {
        JsonNode listed = WorkloadNetwork.json(WorkloadNetwork.admin(backlane.endpoint(), "GET", "/_backlane/workloads", null).body());
        assertEquals(0, listed.path("workloads").size(), listed.toString());
        assertTrue(network.ec2.describeNetworkInterfaces(request -> request.filters(Filter.builder().name("description")
                .values("Backlane workload *").build())).networkInterfaces().isEmpty(), "the ad-hoc interfaces went with their workloads");
    }
}
