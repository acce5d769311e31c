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
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
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
 * RequestLimitExceeded through its gateway, the SDK for Java v2 stops the experiment and the fault ends with it. An
 * experiment's log is read back with the CLI from CloudWatch Logs.
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
    void anExperimentLogsToCloudWatchLogsAndFailsWhenItsStopConditionIsAlreadyInAlarm() throws Exception {
        String account = backlane.newAccount().id();
        Path home = Files.createTempDirectory("fis-logs-cli-");
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("AWS_ACCESS_KEY_ID", account);
        ExternalProgram aws = AwsCliJson.awsCli();
        try (CloudWatchLogsClient logs = backlane.logs(account); CloudWatchClient cloudWatch = backlane.cloudWatch(account);
                FisClient fis = backlane.fis(account)) {
            logs.createLogGroup(r -> r.logGroupName("/fis/e2e"));
            cloudWatch.putMetricAlarm(r -> r.alarmName("orders-errors").namespace("App").metricName("Errors").statistic("Sum").period(60)
                    .evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
            String template = """
                    {"description": "wait, logged", "roleArn": "arn:aws:iam::%1$s:role/fis",
                     "stopConditions": [{"source": "aws:cloudwatch:alarm", "value": "arn:aws:cloudwatch:us-east-1:%1$s:alarm:orders-errors"}],
                     "actions": {"pause": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT10M"}}},
                     "logConfiguration": {"logSchemaVersion": 2,
                       "cloudWatchLogsConfiguration": {"logGroupArn": "arn:aws:logs:us-east-1:%1$s:log-group:/fis/e2e:*"}}}
                    """.formatted(account);
            String templateId = cli(aws, home, environment, "fis", "create-experiment-template", "--cli-input-json", template)
                    .path("experimentTemplate").path("id").asText();
            assertEquals(2, fis.getExperimentTemplate(r -> r.id(templateId)).experimentTemplate().logConfiguration().logSchemaVersion());
            String experimentId = fis.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
            fis.stopExperiment(r -> r.id(experimentId));
            // The CLI reads the whole log: the start, the action's start and its end and the experiment's when it was stopped.
            List<JsonNode> records = new java.util.ArrayList<>();
            for (JsonNode event : cli(aws, home, environment, "logs", "filter-log-events", "--log-group-name", "/fis/e2e", "--log-stream-names",
                    experimentId).path("events")) {
                records.add(WorkloadNetwork.json(event.path("message").asText()));
            }
            assertEquals(List.of("experiment-start", "action-start", "action-end", "experiment-end"),
                    records.stream().map(record -> record.path("log_type").asText()).toList(), records.toString());
            assertEquals(experimentId, records.get(0).path("id").asText());
            assertEquals("aws:fis:wait", records.get(1).path("details").path("action_id").asText());
            assertEquals("stopped", records.get(3).path("details").path("experiment_state").path("status").asText(), records.toString());

            cloudWatch.setAlarmState(r -> r.alarmName("orders-errors").stateValue("ALARM").stateReason("drill"));
            String failedId = fis.startExperiment(r -> r.experimentTemplateId(templateId)).experiment().id();
            Experiment failed = fis.getExperiment(r -> r.id(failedId)).experiment();
            assertEquals(ExperimentStatus.FAILED, failed.state().status(), failed.toString());
            assertTrue(failed.state().reason().contains("orders-errors"), failed.toString());
        }
    }

    @Test
    void apiErrorActionsFailTheTargetRolesCallsMadeStraightToTheApiPort() throws Exception {
        String account = backlane.newAccount().id();
        String role = "arn:aws:iam::" + account + ":role/batch";
        try (FisClient fis = backlane.fis(account)) {
            CreateExperimentTemplateTargetInput batch = CreateExperimentTemplateTargetInput.builder().resourceType("aws:iam:role").resourceArns(role)
                    .selectionMode("ALL").build();
            String templateId = fis.createExperimentTemplate(r -> r.description("fail batch's EC2 reads").roleArn(role)
                    .stopConditions(s -> s.source("none")).targets(Map.of("batch", batch))
                    .actions(Map.of(
                            "throttle", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:inject-api-throttle-error")
                                    .targets(Map.of("Roles", "batch"))
                                    .parameters(Map.of("service", "ec2", "operations", "DescribeVpcs", "percentage", "100", "duration", "PT10M")).build(),
                            "unavailable", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:inject-api-unavailable-error")
                                    .targets(Map.of("Roles", "batch"))
                                    .parameters(Map.of("service", "ec2", "operations", "DescribeSubnets", "percentage", "100", "duration", "PT10M"))
                                    .build())))
                    .experimentTemplate().id();
            fis.startExperiment(r -> r.experimentTemplateId(templateId));
        }
        // boto3 assumes the role through Backlane's STS and calls EC2 on the API port with the session's credentials.
        Path file = Files.createTempFile("fis-api-port-", ".py");
        Files.writeString(file, """
                import boto3, botocore, botocore.config, json
                no_retries = botocore.config.Config(retries={"total_max_attempts": 1})
                creds = boto3.client("sts").assume_role(RoleArn="%s", RoleSessionName="drill")["Credentials"]
                session = dict(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                               aws_session_token=creds["SessionToken"])
                as_role = boto3.client("ec2", config=no_retries, **session)
                as_root = boto3.client("ec2", config=no_retries)
                # A client claiming to be a workload's gateway (whose calls were asked about already) is not believed.
                forging = boto3.client("ec2", config=no_retries, **session)
                forging.meta.events.register("before-sign.ec2.*",
                                             lambda request, **kwargs: request.headers.__setitem__("x-backlane-gateway-workload", "wl-forged"))
                def attempt(call):
                    try:
                        call()
                        return "ok"
                    except botocore.exceptions.ClientError as e:
                        return "%%s %%d" %% (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                print(json.dumps({"identity": boto3.client("sts", **session).get_caller_identity()["Arn"],
                                  "vpcs": attempt(as_role.describe_vpcs), "subnets": attempt(as_role.describe_subnets),
                                  "groups": attempt(as_role.describe_security_groups), "rootVpcs": attempt(as_root.describe_vpcs),
                                  "forgedVpcs": attempt(forging.describe_vpcs)}))
                """.formatted(role));
        ExternalProgram python = ExternalProgram.find("python3").orElseThrow(() -> new IllegalStateException("python3 is not installed"));
        ExternalProgram.Result result = python.run(Path.of("."), Map.of("AWS_ENDPOINT_URL", backlane.endpoint(), "AWS_ACCESS_KEY_ID", account,
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1"), Duration.ofSeconds(60), List.of(file.toString()));
        Files.deleteIfExists(file);
        assertEquals(0, result.exitCode(), result::describe);
        JsonNode read = WorkloadNetwork.json(result.stdout().strip());
        assertEquals("arn:aws:sts::" + account + ":assumed-role/batch/drill", read.path("identity").asText(), read.toString());
        assertEquals("RequestLimitExceeded 503", read.path("vpcs").asText(), read.toString());
        assertEquals("ServiceUnavailable 503", read.path("subnets").asText(), read.toString());
        assertEquals("ok", read.path("groups").asText(), "an operation no action names");
        assertEquals("ok", read.path("rootVpcs").asText(), "the account's root is not the role");
        assertEquals("RequestLimitExceeded 503", read.path("forgedVpcs").asText(), "a forged gateway header: " + read);
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

    @Test
    void ec2ActionsStopAndTerminateTheInstancesTheirTargetsPickAndStoppingTheExperimentStartsThemAgain() throws Exception {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        List<String> web = ec2.runInstances(r -> r.imageId("ami-760aaa0f").minCount(2).maxCount(2).placement(p -> p.availabilityZone("us-east-1a"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("team").value("orders").build())
                        .build())).instances().stream().map(software.amazon.awssdk.services.ec2.model.Instance::instanceId).sorted().toList();
        String other = ec2.runInstances(r -> r.imageId("ami-760aaa0f").minCount(1).maxCount(1).placement(p -> p.availabilityZone("us-east-1b"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(Tag.builder().key("team").value("orders").build())
                        .build())).instances().get(0).instanceId();
        String batch = ec2.runInstances(r -> r.imageId("ami-760aaa0f").minCount(1).maxCount(1)).instances().get(0).instanceId();
        awaitTrue(() -> ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("running"))).reservations().stream()
                .mapToLong(reservation -> reservation.instances().size()).sum() == 4);
        try (FisClient fis = backlane.fis(account.id())) {
            ValidationException badPath = assertThrows(ValidationException.class, () -> fis.createExperimentTemplate(r -> r.description("bad")
                    .roleArn("arn:aws:iam::" + account.id() + ":role/fis").stopConditions(s -> s.source("none"))
                    .targets(Map.of("web", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:instance")
                            .resourceTags(Map.of("team", "orders")).filters(f -> f.path("Placement.Nowhere").values("x")).selectionMode("ALL").build()))
                    .actions(Map.of("stop", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:stop-instances")
                            .targets(Map.of("Instances", "web")).build()))));
            assertTrue(badPath.getMessage().contains("Placement.Nowhere"), badPath.getMessage());
            String templateId = fis.createExperimentTemplate(r -> r.description("lose orders' zone a").roleArn("arn:aws:iam::" + account.id() + ":role/fis")
                    .stopConditions(s -> s.source("none"))
                    .targets(Map.of(
                            "web", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:instance").resourceTags(Map.of("team", "orders"))
                                    .filters(f -> f.path("Placement.AvailabilityZone").values("us-east-1a"), f -> f.path("State.Name").values("running"))
                                    .selectionMode("ALL").build(),
                            "batch", CreateExperimentTemplateTargetInput.builder().resourceType("aws:ec2:instance")
                                    .resourceArns("arn:aws:ec2:us-east-1:" + account.id() + ":instance/" + batch).selectionMode("ALL").build()))
                    .actions(Map.of(
                            "stop", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:stop-instances").targets(Map.of("Instances", "web"))
                                    .parameters(Map.of("startInstancesAfterDuration", "PT10M")).build(),
                            "terminate", CreateExperimentTemplateActionInput.builder().actionId("aws:ec2:terminate-instances")
                                    .targets(Map.of("Instances", "batch")).build())))
                    .experimentTemplate().id();
            Experiment started = fis.startExperiment(r -> r.experimentTemplateId(templateId)).experiment();
            assertEquals(web.stream().map(id -> "arn:aws:ec2:us-east-1:" + account.id() + ":instance/" + id).toList(),
                    started.targets().get("web").resourceArns(), "the tagged instances in us-east-1a, not the one in us-east-1b");
            assertEquals(Map.of(web.get(0), "stopping", web.get(1), "stopping", other, "running", batch, "shutting-down"), states(ec2));
            awaitTrue(() -> states(ec2).get(web.get(0)).equals("stopped") && states(ec2).get(web.get(1)).equals("stopped"));
            Experiment running = fis.getExperiment(r -> r.id(started.id())).experiment();
            assertEquals(ExperimentStatus.RUNNING, running.state().status(), "the stop action runs until it starts the instances again");
            assertEquals("completed", running.actions().get("terminate").state().statusAsString());
            fis.stopExperiment(r -> r.id(started.id()));
            assertEquals("pending", states(ec2).get(web.get(0)), "stopping the experiment starts the stopped instances at once");
        }
    }

    private static Map<String, String> states(Ec2Client ec2) {
        Map<String, String> states = new java.util.TreeMap<>();
        ec2.describeInstances().reservations().forEach(reservation -> reservation.instances()
                .forEach(instance -> states.put(instance.instanceId(), instance.state().nameAsString())));
        return states;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertTrue(java.time.Instant.now().isBefore(deadline), "timed out");
            Thread.sleep(100);
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
