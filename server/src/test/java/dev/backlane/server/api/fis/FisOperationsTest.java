package dev.backlane.server.api.fis;

import dev.backlane.core.alarm.AlarmRequests;
import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.event.AlarmStateChangedEvent;
import dev.backlane.core.metrics.MetricStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.ApiResponse;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.fault.Faults;
import dev.backlane.server.api.logs.LogsOperations;
import dev.backlane.core.logs.LogEventCommands;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FIS's operations through the REST-JSON dispatcher: templates, clientToken idempotency, experiments as faults over time, errors. */
class FisOperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final String ROLE = "arn:aws:iam::111122223333:role/orders";
    private static final String WORKLOAD = "wl-0123456789abcdef0";
    private static final String WORKLOAD_INTERFACE = "eni-0123456789abcdef0";
    private static final ServiceEndpoint FIS = ServiceEndpoint.load("fis", "fis-2020-12-01.service-2.json");
    private static final ServiceEndpoint LOGS = ServiceEndpoint.load("logs", "logs-2014-03-28.service-2.json");
    private static final String GROUP_ARN = "arn:aws:logs:us-east-1:111122223333:log-group:/fis/orders";

    private final SteppingClock clock = new SteppingClock();
    private final Cloud cloud = new Cloud(World.empty(), clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());
    private final Faults faults = new Faults(new FaultCommand(RegionCatalog.standard()), clock, IdSource.sequential(), new EventStream());
    /** The FIS operations' own stop conditions, which also write the experiments' logs (set once they are made). */
    private FisStopConditions stopConditions;
    private final AlarmStore alarms = new AlarmStore(MetricStore.standard(),
            transition -> stopConditions.accept(AlarmStateChangedEvent.of(transition)));
    private final ApiDispatcher dispatcher;
    private final FisOperations fis = new FisOperations(faults, alarms, cloud, dev.backlane.core.network.Quotas.awsDefaults(),
            id -> id.equals(WORKLOAD) ? java.util.Optional.of(WORKLOAD_INTERFACE) : java.util.Optional.empty());

    FisOperationsTest() {
        OperationRegistry registry = new OperationRegistry();
        fis.register(registry);
        stopConditions = fis.stopConditions();
        new LogsOperations(LogEventCommands.standard()).register(registry);
        dispatcher = new ApiDispatcher(Map.of("fis", FIS, "logs", LOGS), registry, cloud);
    }

    @AfterEach
    void close() {
        fis.close();
        faults.close();
    }

    private static String template(String token, String stopSource, String actionId) {
        return template(token, stopSource, null, actionId);
    }

    private static String template(String token, String stopSource, String stopValue, String actionId) {
        String stop = stopValue == null ? "{\"source\": \"" + stopSource + "\"}" : "{\"source\": \"" + stopSource + "\", \"value\": \"" + stopValue + "\"}";
        return """
                {"clientToken": "%s", "description": "throttle", "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "stopConditions": [%s],
                 "targets": {"orders": {"resourceType": "aws:iam:role", "resourceArns": ["%s", "arn:aws:iam::111122223333:role/other"],
                                        "selectionMode": "COUNT(1)"}},
                 "actions": {"throttle": {"actionId": "%s", "targets": {"Roles": "orders"},
                   "parameters": {"service": "ec2", "operations": "DescribeVpcs,DescribeSubnets", "percentage": "50", "duration": "PT5M"}}}}
                """.formatted(token, stop, ROLE, actionId);
    }

    private ApiResponse call(String method, String path, String query, String body) {
        return dispatcher.dispatchRest(FIS, SCOPE, method, path, query, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        ApiResponse response = call(method, path, null, body);
        assertEquals(200, response.status(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void aTemplateIsMadeOncePerClientTokenAndReadBack() throws Exception {
        JsonNode made = ok("POST", "/experimentTemplates", template("t1", "none", "aws:fis:inject-api-throttle-error")).path("experimentTemplate");
        String id = made.path("id").asText();
        assertTrue(id.matches("EXT[A-Za-z0-9]{14}"), id);
        assertEquals("arn:aws:fis:us-east-1:111122223333:experiment-template/" + id, made.path("arn").asText());
        assertEquals(id, ok("POST", "/experimentTemplates", template("t1", "none", "aws:fis:inject-api-throttle-error"))
                .path("experimentTemplate").path("id").asText(), "the same token and request give the same template");
        ApiResponse conflict = call("POST", "/experimentTemplates", null,
                template("t1", "none", "aws:fis:inject-api-throttle-error").replace("\"description\": \"throttle\"", "\"description\": \"other\""));
        assertEquals(409, conflict.status(), conflict.body());
        assertEquals("ConflictException", conflict.errorCode());
        assertEquals("throttle", ok("GET", "/experimentTemplates/" + id, "").path("experimentTemplate").path("description").asText());
        assertEquals(1, ok("GET", "/experimentTemplates", "").path("experimentTemplates").size());
        ok("DELETE", "/experimentTemplates/" + id, "");
        ApiResponse gone = call("GET", "/experimentTemplates/" + id, null, "");
        assertEquals(404, gone.status());
        assertEquals("ResourceNotFoundException", gone.errorCode());
    }

    @Test
    void badTemplatesAreRefusedWithValidationExceptions() {
        ApiResponse alarm = call("POST", "/experimentTemplates", null, template("t2", "aws:sns:topic", "aws:fis:inject-api-throttle-error"));
        assertEquals(400, alarm.status());
        assertEquals("ValidationException", alarm.errorCode());
        assertTrue(alarm.body().contains("aws:sns:topic"), alarm.body());
        ApiResponse unknown = call("POST", "/experimentTemplates", null, template("t3", "none", "aws:ec2:send-spot-instance-interruptions"));
        assertEquals("ValidationException", unknown.errorCode());
        assertTrue(unknown.body().contains("aws:ec2:send-spot-instance-interruptions"), unknown.body());
        for (String logConfiguration : List.of("{\"logSchemaVersion\": 3, \"cloudWatchLogsConfiguration\": {\"logGroupArn\": \"" + GROUP_ARN + "\"}}",
                "{\"logSchemaVersion\": 2, \"cloudWatchLogsConfiguration\": {\"logGroupArn\": \"arn:aws:s3:::not-a-log-group\"}}",
                "{\"logSchemaVersion\": 2}")) {
            ApiResponse refused = call("POST", "/experimentTemplates", null, template("t4", "none", "aws:fis:inject-api-throttle-error")
                    .replace("\"stopConditions\"", "\"logConfiguration\": " + logConfiguration + ", \"stopConditions\""));
            assertEquals("ValidationException", refused.errorCode(), logConfiguration);
            assertTrue(refused.body().contains("logConfiguration"), refused.body());
        }
    }

    @Test
    void anAlarmStopConditionMustExistAndStopsTheExperimentWhenItGoesToAlarm() throws Exception {
        String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:orders-errors";
        ApiResponse missing = call("POST", "/experimentTemplates", null, template("a1", "aws:cloudwatch:alarm", arn, "aws:fis:inject-api-throttle-error"));
        assertEquals("ValidationException", missing.errorCode());
        assertTrue(missing.body().contains(arn), missing.body());
        putAlarm("orders-errors");
        String templateId = ok("POST", "/experimentTemplates", template("a2", "aws:cloudwatch:alarm", arn, "aws:fis:inject-api-throttle-error"))
                .path("experimentTemplate").path("id").asText();
        String id = ok("POST", "/experiments", "{\"clientToken\": \"a3\", \"experimentTemplateId\": \"" + templateId + "\"}")
                .path("experiment").path("id").asText();
        assertEquals(1, faults.list().size());
        clock.advance(Duration.ofMinutes(1));
        alarms.setState(SCOPE, "orders-errors", AlarmState.ALARM, "errors", Optional.empty(), clock.instant());
        JsonNode stopped = ok("GET", "/experiments/" + id, "").path("experiment");
        assertEquals("stopped", stopped.path("state").path("status").asText());
        assertEquals("Experiment stopped by stop condition.", stopped.path("state").path("reason").asText());
        assertEquals("stopped", stopped.path("actions").path("throttle").path("state").path("status").asText());
        assertTrue(faults.list().isEmpty(), "the stop condition ends the experiment's faults");
    }

    @Test
    void anExperimentWhoseStopConditionIsAlreadyInAlarmFailsWithoutActing() throws Exception {
        String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:orders-errors";
        putAlarm("orders-errors");
        String templateId = ok("POST", "/experimentTemplates", template("f1", "aws:cloudwatch:alarm", arn, "aws:fis:inject-api-throttle-error"))
                .path("experimentTemplate").path("id").asText();
        alarms.setState(SCOPE, "orders-errors", AlarmState.ALARM, "errors", Optional.empty(), clock.instant());
        JsonNode started = ok("POST", "/experiments", "{\"clientToken\": \"f2\", \"experimentTemplateId\": \"" + templateId + "\"}").path("experiment");
        assertEquals("initiating", started.path("state").path("status").asText());
        assertTrue(faults.list().isEmpty(), "no action of a failed experiment runs");
        JsonNode failed = ok("GET", "/experiments/" + started.path("id").asText(), "").path("experiment");
        assertEquals("failed", failed.path("state").path("status").asText());
        assertTrue(failed.path("state").path("reason").asText().contains(arn), failed.toString());
        assertEquals("cancelled", failed.path("actions").path("throttle").path("state").path("status").asText());
        assertTrue(failed.path(FisExperiments.FAILURE).isMissingNode(), "Backlane's own member is not written on the wire");
        assertEquals("failed", ok("DELETE", "/experiments/" + started.path("id").asText(), "").path("experiment").path("state").path("status").asText(),
                "stopping a failed experiment changes nothing");

        alarms.setState(SCOPE, "orders-errors", AlarmState.OK, "fine", Optional.empty(), clock.instant());
        String running = ok("POST", "/experiments", "{\"clientToken\": \"f3\", \"experimentTemplateId\": \"" + templateId + "\"}")
                .path("experiment").path("id").asText();
        assertEquals("running", ok("GET", "/experiments/" + running, "").path("experiment").path("state").path("status").asText());
        assertEquals(1, faults.list().size());
    }

    private JsonNode logs(String operation, String body) throws Exception {
        ApiResponse response = dispatcher.dispatchJson(LOGS, SCOPE, "Logs_20140328." + operation, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status(), response.body());
        return JSON.readTree(response.body());
    }

    /** The experiment's log records, as FilterLogEvents reads them from its stream: each record's JSON. */
    private List<JsonNode> logRecords(String experimentId) throws Exception {
        List<JsonNode> records = new java.util.ArrayList<>();
        for (JsonNode event : logs("FilterLogEvents", "{\"logGroupName\": \"/fis/orders\", \"logStreamNames\": [\"" + experimentId + "\"]}")
                .path("events")) {
            records.add(JSON.readTree(event.path("message").asText()));
        }
        return records;
    }

    private static List<String> logTypes(List<JsonNode> records) {
        return records.stream().map(record -> record.path("log_type").asText()).toList();
    }

    @Test
    void anExperimentWritesFisLogRecordsToItsLogGroupAsItRuns() throws Exception {
        String logged = template("l1", "none", "aws:fis:inject-api-throttle-error").replace("\"stopConditions\"",
                "\"logConfiguration\": {\"logSchemaVersion\": 2, \"cloudWatchLogsConfiguration\": {\"logGroupArn\": \"" + GROUP_ARN + ":*\"}}, \"stopConditions\"");
        JsonNode made = ok("POST", "/experimentTemplates", logged).path("experimentTemplate");
        assertEquals(GROUP_ARN + ":*", made.path("logConfiguration").path("cloudWatchLogsConfiguration").path("logGroupArn").asText());
        assertEquals(2, made.path("logConfiguration").path("logSchemaVersion").asInt());
        String templateId = made.path("id").asText();

        JsonNode noGroup = ok("POST", "/experiments", "{\"clientToken\": \"l2\", \"experimentTemplateId\": \"" + templateId + "\"}").path("experiment");
        JsonNode failed = ok("GET", "/experiments/" + noGroup.path("id").asText(), "").path("experiment");
        assertEquals("failed", failed.path("state").path("status").asText(), "FIS fails an experiment whose log group does not exist");
        assertEquals("ConfigurationFailure", failed.path("state").path("error").path("code").asText());
        assertEquals("logConfiguration", failed.path("state").path("error").path("location").asText());
        assertTrue(faults.list().isEmpty());

        logs("CreateLogGroup", "{\"logGroupName\": \"/fis/orders\"}");
        String id = ok("POST", "/experiments", "{\"clientToken\": \"l3\", \"experimentTemplateId\": \"" + templateId + "\"}")
                .path("experiment").path("id").asText();
        assertEquals(GROUP_ARN + ":*", ok("GET", "/experiments/" + id, "").path("experiment").path("logConfiguration")
                .path("cloudWatchLogsConfiguration").path("logGroupArn").asText(), "the experiment carries its template's log configuration");
        List<JsonNode> started = logRecords(id);
        assertEquals(List.of("experiment-start", "target-resolution-start", "target-resolution-detail", "target-resolution-end", "action-start"),
                logTypes(started));
        for (JsonNode record : started) {
            assertEquals(id, record.path("id").asText());
            assertEquals("2", record.path("version").asText());
            assertEquals("111122223333", record.path("details").path("account_id").asText());
            assertTrue(record.path("event_timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), record.toString());
        }
        assertEquals(templateId, started.get(0).path("details").path("experiment_template_id").asText());
        assertEquals(1, started.get(2).path("details").path("resolved_targets_count").asInt());
        assertEquals(ROLE, started.get(2).path("details").path("resolved_targets").path(0).path("arn").asText());
        assertEquals("throttle", started.get(4).path("details").path("action_name").asText());
        assertEquals("aws:fis:inject-api-throttle-error", started.get(4).path("details").path("action_id").asText());
        assertEquals("50", started.get(4).path("details").path("parameters").path("percentage").asText());
        assertEquals(5, logRecords(id).size(), "the action's end is not written before it ends");

        clock.advance(Duration.ofMinutes(5));
        ok("DELETE", "/experiments/" + id, ""); // a stop of an ended experiment writes what its end made, as the timer would
        List<JsonNode> ended = logRecords(id);
        assertEquals(List.of("action-end", "experiment-end"), logTypes(ended).subList(5, 7));
        assertEquals("completed", ended.get(5).path("details").path("action_state").path("status").asText());
        assertEquals("completed", ended.get(6).path("details").path("experiment_state").path("status").asText());
        ok("DELETE", "/experiments/" + id, "");
        assertEquals(7, logRecords(id).size(), "each record is written once");

        putAlarm("orders-errors");
        String watched = ok("POST", "/experimentTemplates", logged.replace("\"l1\"", "\"l4\"").replace("{\"source\": \"none\"}",
                "{\"source\": \"aws:cloudwatch:alarm\", \"value\": \"arn:aws:cloudwatch:us-east-1:111122223333:alarm:orders-errors\"}"))
                .path("experimentTemplate").path("id").asText();
        String stopped = ok("POST", "/experiments", "{\"clientToken\": \"l5\", \"experimentTemplateId\": \"" + watched + "\"}")
                .path("experiment").path("id").asText();
        clock.advance(Duration.ofMinutes(1));
        alarms.setState(SCOPE, "orders-errors", AlarmState.ALARM, "errors", Optional.empty(), clock.instant());
        List<JsonNode> byCondition = logRecords(stopped);
        assertEquals(List.of("action-end", "experiment-end"), logTypes(byCondition).subList(5, 7), "the stop condition writes the end at once");
        assertEquals("stopped", byCondition.get(5).path("details").path("action_state").path("status").asText());
        assertEquals(FisStopConditions.STOPPED_BY_CONDITION, byCondition.get(6).path("details").path("experiment_state").path("reason").asText());
        assertEquals(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                byCondition.get(6).path("details").path("experiment_end_time").asText());
    }

    private void putAlarm(String name) {
        alarms.put(SCOPE, name, AlarmRequests.definition(new AlarmRequests.PutAlarmRequest(Optional.empty(), Optional.empty(), List.of(),
                List.of(), List.of(), Optional.of("App"), Optional.of("Errors"), List.of(), Optional.of("Sum"), Optional.empty(), Optional.of(60),
                Optional.empty(), Optional.of(1), Optional.empty(), Optional.of(1.0), Optional.of("GreaterThanThreshold"), Optional.of("notBreaching"),
                Optional.empty(), List.of(), Optional.empty(), Map.of(), false)), Map.of(), clock.instant());
    }

    @Test
    void anExperimentThrottlesTheSelectedRoleUntilItCompletesOrIsStopped() throws Exception {
        String templateId = ok("POST", "/experimentTemplates", template("t4", "none", "aws:fis:inject-api-throttle-error"))
                .path("experimentTemplate").path("id").asText();
        JsonNode started = ok("POST", "/experiments", "{\"clientToken\": \"s1\", \"experimentTemplateId\": \"" + templateId + "\"}").path("experiment");
        assertEquals("initiating", started.path("state").path("status").asText());
        List<Fault> made = faults.list();
        assertEquals(1, made.size(), "COUNT(1) selects one of the two roles");
        Fault fault = made.get(0);
        assertEquals(FaultKind.F7_THROTTLING, fault.kind());
        assertEquals(ROLE, fault.scope().get(FaultScope.Field.PRINCIPAL).orElseThrow());
        assertEquals("ec2", fault.scope().get(FaultScope.Field.SERVICE).orElseThrow());
        assertEquals(List.of("DescribeVpcs", "DescribeSubnets"), fault.parameters().operations());
        assertEquals(50, fault.parameters().percentage().orElseThrow());
        String id = started.path("id").asText();
        assertEquals("running", ok("GET", "/experiments/" + id, "").path("experiment").path("state").path("status").asText());

        clock.advance(Duration.ofMinutes(5));
        JsonNode completed = ok("GET", "/experiments/" + id, "").path("experiment");
        assertEquals("completed", completed.path("state").path("status").asText());
        assertEquals("Experiment completed.", completed.path("state").path("reason").asText());
        assertEquals("completed", completed.path("actions").path("throttle").path("state").path("status").asText());
        assertTrue(faults.list().isEmpty(), "the fault ends with the action");

        String second = ok("POST", "/experiments", "{\"clientToken\": \"s2\", \"experimentTemplateId\": \"" + templateId + "\"}")
                .path("experiment").path("id").asText();
        assertEquals(1, faults.list().size());
        assertEquals("stopping", ok("DELETE", "/experiments/" + second, "").path("experiment").path("state").path("status").asText());
        assertEquals("stopped", ok("GET", "/experiments/" + second, "").path("experiment").path("state").path("status").asText());
        assertTrue(faults.list().isEmpty(), "stopping removes the fault at once");
        assertEquals(2, ok("GET", "/experiments", "").path("experiments").size());
    }

    @Test
    void internalAndUnavailableErrorActionsMakeTheirFaultKinds() throws Exception {
        for (String actionId : List.of("aws:fis:inject-api-internal-error", "aws:fis:inject-api-unavailable-error")) {
            String templateId = ok("POST", "/experimentTemplates", template("e-" + actionId, "none", actionId)).path("experimentTemplate").path("id").asText();
            ok("POST", "/experiments", "{\"clientToken\": \"s-" + actionId + "\", \"experimentTemplateId\": \"" + templateId + "\"}");
        }
        assertEquals(List.of(FaultKind.API_INTERNAL_ERROR, FaultKind.API_UNAVAILABLE), faults.list().stream().map(Fault::kind).toList());
        assertEquals(50, faults.list().get(1).parameters().percentage().orElseThrow());
        ApiResponse kinesis = call("POST", "/experimentTemplates", null,
                template("e-kinesis", "none", "aws:fis:inject-api-internal-error").replace("\"service\": \"ec2\"", "\"service\": \"kinesis\""));
        assertEquals("ValidationException", kinesis.errorCode());
        assertTrue(kinesis.body().contains("service must be ec2"), kinesis.body());
    }

    @Test
    void backlanesOwnActionsAreListedAndMakeTheGuidesFaults() throws Exception {
        List<String> listed = new java.util.ArrayList<>();
        ok("GET", "/actions", "").path("actions").forEach(action -> listed.add(action.path("id").asText()));
        assertTrue(listed.containsAll(List.of("backlane:dns:resolve-public", "backlane:vpce:drop-traffic", "backlane:vpce:zone-unavailable",
                "backlane:vpce:deny-actions")), listed.toString());
        String zoneDown = """
                {"clientToken": "zone", "description": "zone a down", "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "actions": {"down": {"actionId": "backlane:vpce:zone-unavailable",
                   "parameters": {"availabilityZone": "us-east-1a", "service": "s3", "duration": "PT2M"}}}}
                """;
        String templateId = ok("POST", "/experimentTemplates", zoneDown).path("experimentTemplate").path("id").asText();
        ok("POST", "/experiments", "{\"clientToken\": \"z1\", \"experimentTemplateId\": \"" + templateId + "\"}");
        Fault fault = faults.list().get(0);
        assertEquals(FaultKind.F3_ZONE_UNAVAILABLE, fault.kind());
        assertEquals("us-east-1a", fault.scope().get(FaultScope.Field.ZONE).orElseThrow());
        assertEquals(Duration.ofMinutes(2), Duration.between(fault.startTime(), fault.endTime()));

        String missing = zoneDown.replace("\"zone\"", "\"gone\"").replace("\"service\": \"s3\"", "\"vpcEndpointId\": \"vpce-0123456789abcdef0\"");
        String missingId = ok("POST", "/experimentTemplates", missing).path("experimentTemplate").path("id").asText();
        ApiResponse refused = call("POST", "/experiments", null, "{\"clientToken\": \"z2\", \"experimentTemplateId\": \"" + missingId + "\"}");
        assertEquals("ValidationException", refused.errorCode());
        assertTrue(refused.body().contains("vpce-0123456789abcdef0"), refused.body());
        assertEquals(1, faults.list().size(), "a refused start makes no fault");

        String lose = zoneDown.replace("\"zone\"", "\"lose\"").replace("backlane:vpce:zone-unavailable", "backlane:telemetry:lose-records")
                .replace("\"availabilityZone\": \"us-east-1a\", \"service\": \"s3\"", "\"percentage\": \"40\", \"telemetry\": \"flowLogs\"");
        String loseId = ok("POST", "/experimentTemplates", lose).path("experimentTemplate").path("id").asText();
        ok("POST", "/experiments", "{\"clientToken\": \"l1\", \"experimentTemplateId\": \"" + loseId + "\"}");
        Fault telemetry = faults.list().get(1);
        assertEquals(FaultKind.F8_TELEMETRY_LOSS, telemetry.kind());
        assertEquals(40, telemetry.parameters().percentage().orElseThrow());
        assertEquals(1, telemetry.parameters().telemetry().size());
    }

    @Test
    void backlanesCostSpikeAndToxicActionsMakeF5AndToxicFaultsOnTheWorkload() throws Exception {
        String spike = """
                {"clientToken": "spike", "description": "a cost spike, then slow bytes", "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "actions": {"spike": {"actionId": "backlane:traffic:cost-spike",
                               "parameters": {"workloadId": "%1$s", "service": "s3", "totalBytes": "3000000", "bytesPerSecond": "500000",
                                              "duration": "PT2M"}},
                             "slow": {"actionId": "backlane:network:toxic",
                               "parameters": {"workloadId": "%1$s", "type": "latency", "stream": "upstream", "toxicity": "0.5",
                                              "attributes": "latency=200,jitter=50", "duration": "PT2M"}}}}
                """.formatted(WORKLOAD);
        String templateId = ok("POST", "/experimentTemplates", spike).path("experimentTemplate").path("id").asText();
        ok("POST", "/experiments", "{\"clientToken\": \"s1\", \"experimentTemplateId\": \"" + templateId + "\"}");
        Fault traffic = faults.list().stream().filter(fault -> fault.kind() == FaultKind.F5_COST_SPIKE).findFirst().orElseThrow();
        assertEquals(WORKLOAD, traffic.scope().get(FaultScope.Field.WORKLOAD).orElseThrow());
        assertEquals(3_000_000L, traffic.parameters().totalBytes().orElseThrow());
        assertEquals(500_000L, traffic.parameters().bytesPerSecond().orElseThrow());
        Fault toxic = faults.list().stream().filter(fault -> fault.kind() == FaultKind.TOXIC).findFirst().orElseThrow();
        assertEquals(200L, toxic.parameters().toxic().orElseThrow().attributes().get("latency"));
        assertEquals(0.5, toxic.parameters().toxic().orElseThrow().toxicity());

        String unknownWorkload = spike.replace("\"spike\", \"description\"", "\"other\", \"description\"").replace(WORKLOAD, "wl-00000000000000000");
        String unknownId = ok("POST", "/experimentTemplates", unknownWorkload).path("experimentTemplate").path("id").asText();
        ApiResponse refused = call("POST", "/experiments", null, "{\"clientToken\": \"s2\", \"experimentTemplateId\": \"" + unknownId + "\"}");
        assertEquals("ValidationException", refused.errorCode());
        assertTrue(refused.body().contains("wl-00000000000000000"), refused.body());

        String badAttributes = spike.replace("\"spike\", \"description\"", "\"bad\", \"description\"").replace("jitter=50", "jitter=x");
        String badId = ok("POST", "/experimentTemplates", badAttributes).path("experimentTemplate").path("id").asText();
        ApiResponse refusedToxic = call("POST", "/experiments", null, "{\"clientToken\": \"s3\", \"experimentTemplateId\": \"" + badId + "\"}");
        assertEquals("ValidationException", refusedToxic.errorCode());
        assertTrue(refusedToxic.body().contains("jitter"), refusedToxic.body());
        assertEquals(2, faults.list().size(), "refused starts make no fault");
    }

    @Test
    void anActionStartsAfterTheActionsItNamesHaveEnded() throws Exception {
        String ordered = """
                {"clientToken": "order", "description": "wait, then throttle", "roleArn": "arn:aws:iam::111122223333:role/fis",
                 "stopConditions": [{"source": "none"}],
                 "targets": {"orders": {"resourceType": "aws:iam:role", "resourceArns": ["%s"], "selectionMode": "ALL"}},
                 "actions": {"first": {"actionId": "aws:fis:wait", "parameters": {"duration": "PT2M"}},
                             "throttle": {"actionId": "aws:fis:inject-api-throttle-error", "targets": {"Roles": "orders"}, "startAfter": ["first"],
                               "parameters": {"service": "ec2", "operations": "DescribeVpcs", "percentage": "100", "duration": "PT3M"}}}}
                """.formatted(ROLE);
        String templateId = ok("POST", "/experimentTemplates", ordered).path("experimentTemplate").path("id").asText();
        String id = ok("POST", "/experiments", "{\"clientToken\": \"o1\", \"experimentTemplateId\": \"" + templateId + "\"}")
                .path("experiment").path("id").asText();
        assertTrue(faults.active().isEmpty(), "the throttle waits for the wait action");
        assertEquals("pending", ok("GET", "/experiments/" + id, "").path("experiment").path("actions").path("throttle").path("state").path("status").asText());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, faults.active().faults().size(), "the throttle starts when the wait ends");
        assertEquals("running", ok("GET", "/experiments/" + id, "").path("experiment").path("actions").path("throttle").path("state").path("status").asText());
        clock.advance(Duration.ofMinutes(3));
        assertEquals("completed", ok("GET", "/experiments/" + id, "").path("experiment").path("state").path("status").asText());

        ApiResponse cycle = call("POST", "/experimentTemplates", null, ordered.replace("\"order\"", "\"cycle\"")
                .replace("\"parameters\": {\"duration\": \"PT2M\"}", "\"startAfter\": [\"throttle\"], \"parameters\": {\"duration\": \"PT2M\"}"));
        assertEquals("ValidationException", cycle.errorCode());
        assertTrue(cycle.body().contains("cycle"), cycle.body());
    }

    @Test
    void tagsAreReadAndRemovedByArnFromThePath() throws Exception {
        String arn = ok("POST", "/experimentTemplates", template("t5", "none", "aws:fis:inject-api-throttle-error"))
                .path("experimentTemplate").path("arn").asText();
        String path = "/tags/" + java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8);
        ok("POST", path, "{\"tags\": {\"team\": \"orders\", \"tier\": \"1\"}}");
        assertEquals(call("DELETE", path, "tagKeys=tier", "").status(), 200);
        assertEquals("{\"team\":\"orders\"}", ok("GET", path, "").path("tags").toString());
        assertEquals(404, call("GET", "/tags/arn%3Aaws%3Afis%3Aus-east-1%3A111122223333%3Aexperiment%2FEXPnone", null, "").status());
    }
}
