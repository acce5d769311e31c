package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.event.Event;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateTargetInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;
import software.amazon.awssdk.services.fis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.fis.model.ValidationException;

/**
 * The AWS Fault Injection Service API as its clients drive it: the CLI makes a template whose action throttles a role's
 * EC2 calls and starts it, boto3 reads the experiment running, a workload calling as that role meets
 * RequestLimitExceeded through its gateway, the SDK for Java v2 stops the experiment and the fault ends with it.
 */
class FisIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests());

    @Test
    void aThrottleExperimentThrottlesTheRolesCallsUntilItIsStopped() throws Exception {
        List<Event> ended = new CopyOnWriteArrayList<>();
        backlane.server().events().subscribe(FaultEndedEvent.class, ended::add);
        WorkloadNetwork network = WorkloadNetwork.build(backlane.newAccount(), 73);
        String account = network.account.id();
        String role = "arn:aws:iam::" + account + ":role/orders";
        JsonNode workload = network.workload(backlane.endpoint(), role);

        Path home = Files.createTempDirectory("fis-cli-");
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("AWS_ACCESS_KEY_ID", account);
        ExternalProgram aws = AwsCliJson.awsCli();
        String template = """
                {"description": "throttle orders' EC2 calls", "roleArn": "arn:aws:iam::%s:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "targets": {"orders": {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}},
                 "actions": {"throttle": {"actionId": "aws:fis:inject-api-throttle-error", "targets": {"Roles": "orders"},
                   "parameters": {"service": "ec2", "operations": "DescribeVpcs", "percentage": "100", "duration": "PT10M"}}},
                 "tags": {"team": "orders"}}
                """.formatted(account, role);
        JsonNode created = cli(aws, home, environment, "fis", "create-experiment-template", "--cli-input-json", template);
        String templateId = created.path("experimentTemplate").path("id").asText();
        assertTrue(templateId.matches("EXT[A-Za-z0-9]{14}"), templateId);
        assertEquals("arn:aws:fis:us-east-1:" + account + ":experiment-template/" + templateId, created.path("experimentTemplate").path("arn").asText());
        JsonNode started = cli(aws, home, environment, "fis", "start-experiment", "--experiment-template-id", templateId);
        String experimentId = started.path("experiment").path("id").asText();
        assertTrue(experimentId.matches("EXP[A-Za-z0-9]{14}"), experimentId);
        assertEquals("initiating", started.path("experiment").path("state").path("status").asText());

        // The SDK starts a second experiment: the role's DescribeSecurityGroups fail with EC2's own 500.
        try (FisClient fis = backlane.fis(account)) {
            String internal = fis.createExperimentTemplate(r -> r.clientToken("internal").description("fail orders' security group reads")
                    .roleArn(role).stopConditions(s -> s.source("none"))
                    .targets(Map.of("orders", CreateExperimentTemplateTargetInput.builder().resourceType("aws:iam:role").resourceArns(role)
                            .selectionMode("ALL").build()))
                    .actions(Map.of("fail", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:inject-api-internal-error")
                            .targets(Map.of("Roles", "orders")).parameters(Map.of("service", "ec2", "operations", "DescribeSecurityGroups",
                                    "percentage", "100", "duration", "PT10M")).build())))
                    .experimentTemplate().id();
            fis.startExperiment(r -> r.experimentTemplateId(internal));
        }

        // boto3 reads it until it runs; then the role's DescribeVpcs through the gateway is throttled, DescribeSubnets is not.
        JsonNode read = WorkloadGatewayIT.boto3(workload, account, """
                import boto3, botocore, botocore.config, json, os, time
                fis = boto3.client("fis", endpoint_url="%s", region_name="us-east-1")
                for _ in range(50):
                    state = fis.get_experiment(id="%s")["experiment"]["state"]["status"]
                    if state == "running":
                        break
                    time.sleep(0.1)
                ec2 = boto3.client("ec2", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1",
                                   config=botocore.config.Config(retries={"total_max_attempts": 1}))
                def attempt(call):
                    try:
                        call()
                        return "ok"
                    except botocore.exceptions.ClientError as e:
                        return e.response["Error"]["Code"]
                print(json.dumps({"state": state, "vpcs": attempt(ec2.describe_vpcs), "subnets": attempt(ec2.describe_subnets),
                                  "groups": attempt(ec2.describe_security_groups)}))
                """.formatted(backlane.endpoint(), experimentId));
        assertEquals("running", read.path("state").asText(), read.toString());
        assertEquals("RequestLimitExceeded", read.path("vpcs").asText(), read.toString());
        assertEquals("ok", read.path("subnets").asText(), read.toString());
        assertEquals("InternalError", read.path("groups").asText(), read.toString());

        // The SDK for Java v2 stops it: the fault ends (REMOVED) and the call goes through again.
        try (FisClient fis = backlane.fis(account)) {
            assertEquals("team", fis.listTagsForResource(r -> r.resourceArn(created.path("experimentTemplate").path("arn").asText()))
                    .tags().keySet().iterator().next());
            assertEquals(ExperimentStatus.STOPPING, fis.stopExperiment(r -> r.id(experimentId)).experiment().state().status());
            assertEquals(ExperimentStatus.STOPPED, fis.getExperiment(r -> r.id(experimentId)).experiment().state().status());
            assertTrue(ended.stream().anyMatch(event -> event instanceof FaultEndedEvent end && end.reason() == FaultEndedEvent.Reason.REMOVED));
            ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                    () -> fis.getExperimentTemplate(r -> r.id("EXT00000000000000")));
            assertEquals(404, missing.statusCode());
            ValidationException alarm = assertThrows(ValidationException.class, () -> fis.createExperimentTemplate(r -> r.clientToken("t1")
                    .description("d").roleArn(role).stopConditions(s -> s.source("aws:cloudwatch:alarm").value("arn:aws:cloudwatch:x"))
                    .actions(Map.of("wait", software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput.builder()
                            .actionId("aws:fis:wait").parameters(Map.of("duration", "PT1M")).build()))));
            assertTrue(alarm.getMessage().contains("aws:cloudwatch:alarm"), alarm.getMessage());
        }
        JsonNode after = WorkloadGatewayIT.boto3(workload, account, """
                import boto3, json, os
                ec2 = boto3.client("ec2", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="us-east-1")
                ec2.describe_vpcs()
                print(json.dumps({"vpcs": "ok"}))
                """);
        assertEquals("ok", after.path("vpcs").asText());
    }

    @Test
    void templatesExperimentsAndTheirFaultsSurviveARestartOnTheSameStore() throws Exception {
        ServerConfig config = ServerConfig.forTests().withStore(Files.createTempDirectory("backlane-fis"), false);
        String role = "arn:aws:iam::000000000000:role/orders";
        String templateId;
        String experimentId;
        Fault fault;
        try (BacklaneServer first = BacklaneServer.start(config); FisClient fis = fisOf(first)) {
            templateId = fis.createExperimentTemplate(r -> r.clientToken("restart").description("survives").roleArn(role)
                    .stopConditions(s -> s.source("none"))
                    .targets(Map.of("orders", CreateExperimentTemplateTargetInput.builder().resourceType("aws:iam:role")
                            .resourceArns(role).selectionMode("ALL").build()))
                    .actions(Map.of("throttle", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:inject-api-throttle-error")
                            .targets(Map.of("Roles", "orders"))
                            .parameters(Map.of("service", "ec2", "operations", "DescribeVpcs", "percentage", "100", "duration", "PT10M")).build())))
                    .experimentTemplate().id();
            experimentId = fis.startExperiment(r -> r.experimentTemplateId(templateId).tags(Map.of("run", "1"))).experiment().id();
            fault = first.faults().list().get(0);
        }
        try (BacklaneServer second = BacklaneServer.start(config); FisClient fis = fisOf(second)) {
            assertEquals("survives", fis.getExperimentTemplate(r -> r.id(templateId)).experimentTemplate().description());
            Experiment experiment = fis.getExperiment(r -> r.id(experimentId)).experiment();
            assertEquals(ExperimentStatus.RUNNING, experiment.state().status());
            assertEquals(Map.of("run", "1"), experiment.tags());
            assertEquals(List.of(fault), second.faults().list(), "the fault acts again, with its original time box");
            assertEquals(fault, second.faults().active().faults().get(0));
            assertEquals(ExperimentStatus.STOPPING, fis.stopExperiment(r -> r.id(experimentId)).experiment().state().status());
            assertTrue(second.faults().list().isEmpty(), "stopping after the restart ends the resumed fault");
        }
        try (BacklaneServer third = BacklaneServer.start(config); FisClient fis = fisOf(third)) {
            assertEquals(ExperimentStatus.STOPPED, fis.getExperiment(r -> r.id(experimentId)).experiment().state().status());
            assertTrue(third.faults().list().isEmpty(), "a removed fault does not come back");
        }
    }

    private static FisClient fisOf(BacklaneServer server) {
        return FisClient.builder().endpointOverride(java.net.URI.create(server.endpoint())).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("000000000000", "test")))
                .build();
    }

    private static JsonNode cli(ExternalProgram aws, Path home, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", backlane.endpoint(), "--output", "json"));
        ExternalProgram.Result result = aws.run(home, environment, Duration.ofMinutes(1), command);
        assertEquals(0, result.exitCode(), result::describe);
        return WorkloadNetwork.json(result.stdout());
    }
}
