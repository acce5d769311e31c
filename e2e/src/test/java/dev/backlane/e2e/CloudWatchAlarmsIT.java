package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.event.AlarmStateChangedEvent;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.fis.model.CreateExperimentTemplateActionInput;
import software.amazon.awssdk.services.fis.model.Experiment;
import software.amazon.awssdk.services.fis.model.ExperimentStatus;

/**
 * CloudWatch alarms from the clients people use, on one server: the AWS CLI v1 puts a metric's data and an alarm over it
 * that goes to ALARM, sets its state and reads its history; boto3 drives the whole API in Smithy RPC v2 CBOR and in
 * Query (metric-math alarms, filters, pages, tags, errors); and a FIS experiment with the alarm as its stop condition,
 * started with the SDK for Java v2, is stopped when data put with PutMetricData takes the alarm to ALARM.
 */
class CloudWatchAlarmsIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @Test
    void theCliPutsAnAlarmThatGoesToAlarmSetsItsStateAndReadsItsHistory() {
        ExternalProgram aws = AwsCliJson.awsCli();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // One value in this minute and one in the last: whichever minute the alarm is created in, the minute before it has data.
        String datum = "{\"MetricName\": \"Errors\", \"Value\": 9, \"Timestamp\": \"%s\", \"Dimensions\": [{\"Name\": \"Service\", \"Value\": \"orders\"}]}";
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "put-metric-data", "--namespace", "Cli/Alarms", "--metric-data",
                "[" + datum.formatted(now) + ", " + datum.formatted(now.minusSeconds(60)) + "]");
        // Missing data is ignored, so the later evaluations (once a minute) keep what this test sees however slowly it runs.
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "put-metric-alarm", "--alarm-name", "orders-errors",
                "--namespace", "Cli/Alarms", "--metric-name", "Errors", "--dimensions", "Name=Service,Value=orders", "--statistic", "Sum",
                "--period", "60", "--evaluation-periods", "1", "--threshold", "5", "--comparison-operator", "GreaterThanThreshold",
                "--treat-missing-data", "ignore", "--alarm-actions", "arn:aws:sns:us-east-1:000000000000:pager", "--tags", "Key=team,Value=orders");
        JsonNode alarm = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "describe-alarms", "--alarm-names", "orders-errors")
                .path("MetricAlarms").get(0);
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:orders-errors", alarm.path("AlarmArn").asText());
        assertEquals("ALARM", alarm.path("StateValue").asText(), alarm.toString());
        assertTrue(alarm.path("StateReason").asText().startsWith("Threshold Crossed: 1 datapoint [9.0 ("), alarm.toString());
        assertTrue(alarm.path("StateReason").asText().endsWith(")] was greater than the threshold (5.0)."), alarm.toString());
        assertEquals("Sum", readTree(alarm.path("StateReasonData").asText()).path("statistic").asText());

        // An alarm on a metric without data, which its evaluations leave as SetAlarmState puts it.
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "put-metric-alarm", "--alarm-name", "orders-drill", "--namespace", "Cli/Alarms",
                "--metric-name", "Drill", "--statistic", "Sum", "--period", "60", "--evaluation-periods", "1", "--threshold", "5",
                "--comparison-operator", "GreaterThanThreshold", "--treat-missing-data", "ignore");
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "set-alarm-state", "--alarm-name", "orders-drill", "--state-value", "ALARM",
                "--state-reason", "game day");
        JsonNode alarming = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "describe-alarms", "--alarm-name-prefix", "orders-",
                "--state-value", "ALARM").path("MetricAlarms");
        assertEquals(List.of("orders-drill", "orders-errors"),
                List.of(alarming.get(0).path("AlarmName").asText(), alarming.get(1).path("AlarmName").asText()), alarming.toString());
        JsonNode history = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "describe-alarm-history", "--history-item-type", "StateUpdate",
                "--scan-by", "TimestampAscending").path("AlarmHistoryItems");
        assertEquals(2, history.size(), history.toString());
        assertEquals("orders-errors", history.get(0).path("AlarmName").asText());
        assertEquals("Alarm updated from INSUFFICIENT_DATA to ALARM", history.get(0).path("HistorySummary").asText());
        assertEquals("orders-drill", history.get(1).path("AlarmName").asText());
        assertEquals("game day", readTree(history.get(1).path("HistoryData").asText()).path("newState").path("stateReason").asText());

        ExternalProgram.Result refused = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(1), List.of("cloudwatch", "put-metric-alarm",
                "--alarm-name", "bad", "--namespace", "Cli/Alarms", "--metric-name", "Errors", "--statistic", "Sum", "--period", "45",
                "--evaluation-periods", "1", "--threshold", "5", "--comparison-operator", "GreaterThanThreshold", "--endpoint-url", backlane.endpoint()));
        assertEquals(255, refused.exitCode(), refused::describe);
        assertTrue(refused.stderr().contains("(ValidationError) when calling the PutMetricAlarm operation: The value 45 for parameter Period is "
                + "invalid."), refused::describe);
    }

    @Test
    void boto3DrivesTheAlarmsApiInCborAndInQuery() throws IOException {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("alarms.py");
        Files.writeString(script, """
                import boto3, botocore, botocore.session, datetime, json, os, sys
                endpoint, protocol, account = sys.argv[1], sys.argv[2], sys.argv[3]
                service = "cloudwatch"
                """ + Boto3Protocols.SESSION + """
                cw = boto3.Session(botocore_session=session).client("cloudwatch", endpoint_url=endpoint, region_name="us-east-1",
                    aws_access_key_id=account, aws_secret_access_key="test")
                now = datetime.datetime.now(datetime.timezone.utc)
                cw.put_metric_data(Namespace="Py/Alarms", MetricData=[{"MetricName": "Latency", "Value": 40.0, "Timestamp": t}
                                                                        for t in (now, now - datetime.timedelta(minutes=1))])
                metric = {"Namespace": "Py/Alarms", "MetricName": "Latency"}
                for i in range(3):
                    cw.put_metric_alarm(AlarmName="latency-%d" % i, EvaluationPeriods=1, Threshold=50.0 + i, ComparisonOperator="GreaterThanThreshold",
                        Statistic="Maximum", Period=60, TreatMissingData="notBreaching", **metric)
                # Metric math: twice the latency is over 50, so this one alarms.
                cw.put_metric_alarm(AlarmName="doubled", EvaluationPeriods=1, Threshold=50.0, ComparisonOperator="GreaterThanThreshold",
                    Metrics=[{"Id": "m1", "MetricStat": {"Metric": metric, "Period": 60, "Stat": "Maximum"}, "ReturnData": False},
                             {"Id": "e1", "Expression": "m1 * 2", "ReturnData": True}])
                # No data and missing data ignored: its evaluations leave it as SetAlarmState puts it.
                cw.put_metric_alarm(AlarmName="drill", EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanThreshold",
                    Statistic="Sum", Period=60, TreatMissingData="ignore", Namespace="Py/Alarms", MetricName="Drill")
                pages = [[a["AlarmName"] for a in page["MetricAlarms"]]
                         for page in cw.get_paginator("describe_alarms").paginate(PaginationConfig={"PageSize": 2})]
                doubled = cw.describe_alarms(AlarmNames=["doubled"])["MetricAlarms"][0]
                for_metric = [a["AlarmName"] for a in cw.describe_alarms_for_metric(Statistic="Maximum", **metric)["MetricAlarms"]]
                arn = doubled["AlarmArn"]
                cw.tag_resource(ResourceARN=arn, Tags=[{"Key": "team", "Value": "web"}])
                tags = cw.list_tags_for_resource(ResourceARN=arn)["Tags"]
                cw.set_alarm_state(AlarmName="drill", StateValue="ALARM", StateReason="drill", StateReasonData='{"drill": true}')
                alarming = sorted(a["AlarmName"] for a in cw.describe_alarms(StateValue="ALARM")["MetricAlarms"])
                history = cw.describe_alarm_history(AlarmName="drill", ScanBy="TimestampAscending")["AlarmHistoryItems"]
                errors = []
                for call in (lambda: cw.put_metric_alarm(AlarmName="x", EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="LessThanThreshold",
                                 Statistic="Sum", ExtendedStatistic="p99", Period=60, **metric),
                             lambda: cw.set_alarm_state(AlarmName="nope", StateValue="OK", StateReason="x"),
                             lambda: cw.delete_alarms(AlarmNames=["latency-1", "nope"])):
                    try:
                        call()
                        errors.append(None)
                    except botocore.exceptions.ClientError as e:
                        errors.append(e.response["Error"]["Code"])
                cw.delete_alarms(AlarmNames=["latency-1", "latency-2"])
                left = [a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]]
                print(json.dumps({"protocol": cw.meta.service_model.protocol, "pages": pages, "doubled": doubled["StateValue"],
                                  "doubledReason": doubled["StateReason"], "forMetric": for_metric, "tags": tags, "alarming": alarming,
                                  "history": [h["HistorySummary"] for h in history], "errors": errors, "left": left}))
                """);
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("MODELS", home.resolve("models").toString());
        for (String protocol : List.of("preferred", "query")) {
            String account = backlane.newAccount().id();
            ExternalProgram.Result result = python.run(home, environment, Duration.ofMinutes(1),
                    List.of(script.toString(), backlane.endpoint(), protocol, account));
            assertEquals(0, result.exitCode(), result::describe);
            JsonNode out = JSON.readTree(result.stdout());
            assertEquals(protocol.equals("preferred") ? "smithy-rpc-v2-cbor" : protocol, out.path("protocol").asText(), out.toString());
            assertEquals("[[\"doubled\",\"drill\"],[\"latency-0\",\"latency-1\"],[\"latency-2\"]]", out.path("pages").toString());
            assertEquals("ALARM", out.path("doubled").asText(), out.toString());
            assertTrue(out.path("doubledReason").asText().startsWith("Threshold Crossed: 1 datapoint [80.0 ("), out.toString());
            assertEquals("[\"latency-0\",\"latency-1\",\"latency-2\"]", out.path("forMetric").toString());
            assertEquals("[{\"Key\":\"team\",\"Value\":\"web\"}]", out.path("tags").toString());
            assertEquals("[\"doubled\",\"drill\"]", out.path("alarming").toString());
            assertEquals("[\"Alarm \\\"drill\\\" created\",\"Alarm updated from INSUFFICIENT_DATA to ALARM\"]", out.path("history").toString());
            assertEquals("[\"InvalidParameterCombination\",\"ResourceNotFound\",\"ResourceNotFound\"]", out.path("errors").toString());
            assertEquals("[\"doubled\",\"drill\",\"latency-0\"]", out.path("left").toString(), "a delete naming a missing alarm deleted none");
        }
    }

    @Test
    void anExperimentIsStoppedWhenItsStopConditionAlarmGoesToAlarm() throws Exception {
        String account = backlane.newAccount().id();
        String alarmArn = "arn:aws:cloudwatch:us-east-1:" + account + ":alarm:checkout-errors";
        try (CloudWatchClient cloudWatch = backlane.cloudWatch(account); FisClient fis = backlane.fis(account)) {
            // High resolution: evaluated every 10 seconds, over the last 10.
            cloudWatch.putMetricAlarm(request -> request.alarmName("checkout-errors").namespace("Shop").metricName("Errors").statistic(Statistic.SUM)
                    .period(10).evaluationPeriods(1).threshold(0.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .treatMissingData("notBreaching"));
            assertEquals(StateValue.OK, cloudWatch.describeAlarms(request -> request.alarmNames("checkout-errors")).metricAlarms().get(0).stateValue());
            String templateId = fis.createExperimentTemplate(request -> request.description("wait while checkout runs")
                    .roleArn("arn:aws:iam::" + account + ":role/fis")
                    .stopConditions(stop -> stop.source("aws:cloudwatch:alarm").value(alarmArn))
                    .actions(Map.of("wait", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:wait")
                            .parameters(Map.of("duration", "PT10M")).build()))).experimentTemplate().id();
            String experimentId = fis.startExperiment(request -> request.experimentTemplateId(templateId)).experiment().id();
            assertEquals(ExperimentStatus.RUNNING, fis.getExperiment(request -> request.id(experimentId)).experiment().state().status());

            CompletableFuture<AlarmStateChangedEvent> alarmed = new CompletableFuture<>();
            backlane.server().events().subscribe(AlarmStateChangedEvent.class, event -> {
                if (event.alarm().arn().equals(alarmArn) && event.current() == AlarmState.ALARM) {
                    alarmed.complete(event);
                }
            });
            Instant put = Instant.now();
            // Errors in this 10 seconds and the last: the next evaluation, within 10 seconds, sees a breaching period.
            cloudWatch.putMetricData(request -> request.namespace("Shop").metricData(
                    datum -> datum.metricName("Errors").value(3.0).storageResolution(1).timestamp(put),
                    datum -> datum.metricName("Errors").value(3.0).storageResolution(1).timestamp(put.minusSeconds(10))));
            // FIS's stop conditions subscribed when the server started, so they have acted by the time this subscriber hears of it.
            AlarmStateChangedEvent event = alarmed.get(30, TimeUnit.SECONDS);
            Experiment stopped = fis.getExperiment(request -> request.id(experimentId)).experiment();
            assertEquals(ExperimentStatus.STOPPED, stopped.state().status(), stopped.toString());
            assertEquals("Experiment stopped by stop condition.", stopped.state().reason());
            MetricAlarm alarm = cloudWatch.describeAlarms(request -> request.alarmNames("checkout-errors")).metricAlarms().get(0);
            assertEquals(StateValue.ALARM, alarm.stateValue());
            assertTrue(cloudWatch.describeAlarmHistory(request -> request.alarmName("checkout-errors").historyItemType(HistoryItemType.STATE_UPDATE))
                    .alarmHistoryItems().stream().anyMatch(item -> item.historySummary().equals("Alarm updated from OK to ALARM")));
            assertEquals(event.at().toEpochMilli(), stopped.endTime().toEpochMilli(), "stopped when the alarm went to ALARM");
            System.out.println("data put to experiment stopped: " + Duration.between(put, stopped.endTime()).toMillis() + " ms");
        }
    }

    @Test
    void alarmsTheirStatesAndHistorySurviveARestartAndStillStopExperiments() throws Exception {
        ServerConfig config = ServerConfig.forTests().withStore(Files.createTempDirectory("backlane-alarms"), false);
        String alarmArn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:orders-latency";
        String experimentId;
        MetricAlarm before;
        List<String> historyBefore;
        try (BacklaneServer first = BacklaneServer.start(config); CloudWatchClient cloudWatch = client(CloudWatchClient.builder(), first);
                FisClient fis = client(FisClient.builder(), first)) {
            cloudWatch.putMetricAlarm(request -> request.alarmName("orders-latency").namespace("Shop").metricName("Latency")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(100.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("ignore")
                    .tags(tag -> tag.key("team").value("orders")));
            cloudWatch.putMetricAlarm(request -> request.alarmName("deleted").namespace("Shop").metricName("Latency")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cloudWatch.deleteAlarms(request -> request.alarmNames("deleted"));
            cloudWatch.setAlarmState(request -> request.alarmName("orders-latency").stateValue(StateValue.OK).stateReason("checked by hand"));
            String templateId = fis.createExperimentTemplate(request -> request.description("wait while orders run")
                    .roleArn("arn:aws:iam::000000000000:role/fis")
                    .stopConditions(stop -> stop.source("aws:cloudwatch:alarm").value(alarmArn))
                    .actions(Map.of("wait", CreateExperimentTemplateActionInput.builder().actionId("aws:fis:wait")
                            .parameters(Map.of("duration", "PT10M")).build()))).experimentTemplate().id();
            experimentId = fis.startExperiment(request -> request.experimentTemplateId(templateId)).experiment().id();
            before = cloudWatch.describeAlarms(request -> request.alarmNames("orders-latency")).metricAlarms().get(0);
            historyBefore = historySummaries(cloudWatch);
        }
        try (BacklaneServer second = BacklaneServer.start(config); CloudWatchClient cloudWatch = client(CloudWatchClient.builder(), second);
                FisClient fis = client(FisClient.builder(), second)) {
            MetricAlarm after = cloudWatch.describeAlarms(request -> request.alarmNames("orders-latency")).metricAlarms().get(0);
            assertEquals(before, after, "definition, state, its reason and its times as before the restart");
            assertEquals("checked by hand", after.stateReason());
            assertEquals("orders", cloudWatch.listTagsForResource(request -> request.resourceARN(alarmArn)).tags().get(0).value());
            assertTrue(cloudWatch.describeAlarms(request -> request.alarmNames("deleted")).metricAlarms().isEmpty());
            assertEquals(historyBefore, historySummaries(cloudWatch), "the history, the deleted alarm's included");
            assertTrue(historyBefore.contains("Alarm \"deleted\" deleted"), historyBefore.toString());
            assertEquals(ExperimentStatus.RUNNING, fis.getExperiment(request -> request.id(experimentId)).experiment().state().status());
            // The restored alarm is still the experiment's stop condition.
            cloudWatch.setAlarmState(request -> request.alarmName("orders-latency").stateValue(StateValue.ALARM).stateReason("paged"));
            Experiment stopped = fis.getExperiment(request -> request.id(experimentId)).experiment();
            assertEquals(ExperimentStatus.STOPPED, stopped.state().status(), stopped.toString());
            assertEquals("Experiment stopped by stop condition.", stopped.state().reason());
        }
        try (BacklaneServer third = BacklaneServer.start(config); CloudWatchClient cloudWatch = client(CloudWatchClient.builder(), third)) {
            assertEquals(StateValue.ALARM, cloudWatch.describeAlarms(request -> request.alarmNames("orders-latency")).metricAlarms().get(0).stateValue());
            assertEquals("Alarm updated from OK to ALARM", historySummaries(cloudWatch).get(0), "newest first, as CloudWatch answers");
        }
    }

    private static List<String> historySummaries(CloudWatchClient cloudWatch) {
        return cloudWatch.describeAlarmHistory(request -> request.maxRecords(100)).alarmHistoryItems().stream()
                .map(software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem::historySummary).toList();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder, BacklaneServer server) {
        return builder.endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "test"))).build();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
