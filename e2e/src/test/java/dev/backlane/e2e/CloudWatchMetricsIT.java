package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * CloudWatch's metric calls from the clients people use: the AWS CLI v1 and boto3 (botocore 1.43 speaks Smithy RPC v2
 * CBOR to CloudWatch, the first protocol of the model's list it knows, as the current AWS CLI v2 does; boto3 is also made
 * to speak awsJson 1.0 and Query through model copies that list only that protocol), and the SDK for Java v2 (whose
 * CloudWatch of this version speaks Query).
 */
class CloudWatchMetricsIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @Test
    void theCliPutsAndReadsMetricsAndGetsCloudWatchsErrors() {
        ExternalProgram aws = AwsCliJson.awsCli();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String datum = "{\"MetricName\": \"Latency\", \"Unit\": \"Milliseconds\", \"Value\": %s, \"Dimensions\": [{\"Name\": \"Service\", "
                + "\"Value\": \"orders\"}, {\"Name\": \"Stage\", \"Value\": \"prod\"}]}";
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "put-metric-data", "--namespace", "Cli/App", "--metric-data",
                "[" + datum.formatted("12") + ", " + datum.formatted("30") + "]");
        JsonNode statistics = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "get-metric-statistics", "--namespace", "Cli/App",
                "--metric-name", "Latency", "--dimensions", "Name=Stage,Value=prod", "Name=Service,Value=orders",
                "--start-time", now.minusSeconds(600).toString(), "--end-time", now.plusSeconds(120).toString(), "--period", "600",
                "--statistics", "Sum", "Maximum", "SampleCount");
        JsonNode point = statistics.path("Datapoints").get(0);
        assertEquals(42.0, point.path("Sum").asDouble(), statistics.toString());
        assertEquals(30.0, point.path("Maximum").asDouble());
        assertEquals(2.0, point.path("SampleCount").asDouble());
        assertEquals("Milliseconds", point.path("Unit").asText());

        JsonNode listed = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "list-metrics", "--namespace", "Cli/App",
                "--dimensions", "Name=Service");
        assertEquals(1, listed.path("Metrics").size(), listed.toString());
        assertEquals("Latency", listed.path("Metrics").get(0).path("MetricName").asText());

        ExternalProgram.Result reserved = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(1), List.of("cloudwatch", "put-metric-data",
                "--namespace", "AWS/EC2", "--metric-name", "CPUUtilization", "--value", "1", "--endpoint-url", backlane.endpoint()));
        assertEquals(255, reserved.exitCode(), reserved::describe);
        assertTrue(reserved.stderr().contains("(InvalidParameterValue) when calling the PutMetricData operation: The value AWS/ for parameter "
                + "Namespace is invalid."), reserved::describe);
    }

    @Test
    void boto3InEachProtocolReadsWhatTheOthersWrote() throws IOException {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("cloudwatch.py");
        Files.writeString(script, """
                import boto3, botocore, botocore.config, botocore.session, datetime, json, os, sys
                endpoint, protocol, value = sys.argv[1], sys.argv[2], float(sys.argv[3])
                session = botocore.session.get_session()
                if protocol != "preferred":
                    # A copy of the installed model that lists only this protocol, found first on the loader's path.
                    loader = session.get_component("data_loader")
                    model = loader.load_service_model("cloudwatch", "service-2")
                    model["metadata"]["protocols"] = [protocol]
                    model["metadata"]["protocol"] = protocol
                    folder = os.path.join(os.environ["MODELS"], protocol)
                    target = os.path.join(folder, "cloudwatch", model["metadata"]["apiVersion"])
                    os.makedirs(target, exist_ok=True)
                    with open(os.path.join(target, "service-2.json"), "w") as out:
                        json.dump(model, out)
                    loader.search_paths.insert(0, folder)
                # PutMetricData's body is gzip-compressed however small (it is compressed from 10 KiB by default).
                cw = boto3.Session(botocore_session=session).client("cloudwatch", endpoint_url=endpoint, region_name="us-east-1",
                    config=botocore.config.Config(request_min_compression_size_bytes=1))
                now = datetime.datetime.now(datetime.timezone.utc)
                cw.put_metric_data(Namespace="Py/App", MetricData=[{"MetricName": "Bytes", "Unit": "Bytes", "Values": [value, value * 3],
                                                                    "Dimensions": [{"Name": "Queue", "Value": "jobs"}]}])
                data = cw.get_metric_data(StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=2),
                    MetricDataQueries=[{"Id": "total", "MetricStat": {"Metric": {"Namespace": "Py/App", "MetricName": "Bytes",
                        "Dimensions": [{"Name": "Queue", "Value": "jobs"}]}, "Period": 3600, "Stat": "Sum"}}])
                stats = cw.get_metric_statistics(Namespace="Py/App", MetricName="Bytes", Dimensions=[{"Name": "Queue", "Value": "jobs"}],
                    StartTime=now - datetime.timedelta(minutes=10), EndTime=now + datetime.timedelta(minutes=2), Period=720,
                    ExtendedStatistics=["p50"])
                try:
                    cw.get_metric_statistics(Namespace="Py/App", MetricName="Bytes", StartTime=now, EndTime=now - datetime.timedelta(minutes=1),
                        Period=60, Statistics=["Sum"])
                    error = None
                except botocore.exceptions.ClientError as e:
                    error = e.response["Error"]["Code"]
                print(json.dumps({"protocol": cw.meta.service_model.protocol, "sum": data["MetricDataResults"][0]["Values"],
                                  "p50": [point["ExtendedStatistics"]["p50"] for point in stats["Datapoints"]], "error": error}))
                """);
        Map<String, String> environment = new HashMap<>(AwsCliIT.environment(home));
        environment.put("MODELS", home.resolve("models").toString());
        double written = 0;
        for (String protocol : List.of("preferred", "json", "query")) {
            double value = protocol.length();
            written += value * 4;
            ExternalProgram.Result result = python.run(home, environment, Duration.ofMinutes(1),
                    List.of(script.toString(), backlane.endpoint(), protocol, Double.toString(value)));
            assertEquals(0, result.exitCode(), result::describe);
            JsonNode out = JSON.readTree(result.stdout());
            assertEquals(protocol.equals("preferred") ? "smithy-rpc-v2-cbor" : protocol, out.path("protocol").asText(), out.toString());
            assertEquals(written, out.path("sum").get(0).asDouble(), 1e-9, "what every protocol wrote so far: " + out);
            assertEquals("InvalidParameterValue", out.path("error").asText(), out.toString());
            assertTrue(out.path("p50").size() >= 1, out.toString());
        }
    }

    @Test
    void theSdkForJavaPutsStatisticSetsAndReadsThemWithGetMetricData() {
        BacklaneExtension.Account account = backlane.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Dimension queue = Dimension.builder().name("Queue").value("mail").build();
        try (CloudWatchClient cloudWatch = backlane.cloudWatch(account.id())) {
            cloudWatch.putMetricData(request -> request.namespace("Sdk/App").metricData(datum -> datum.metricName("Depth").dimensions(queue)
                    .unit(StandardUnit.COUNT).statisticValues(set -> set.sampleCount(4.0).sum(20.0).minimum(1.0).maximum(9.0)).timestamp(now)));
            GetMetricDataResponse data = cloudWatch.getMetricData(request -> request.startTime(now.minusSeconds(300)).endTime(now.plusSeconds(60))
                    .metricDataQueries(query -> query.id("avg").metricStat(stat -> stat.period(60).stat("Average")
                            .metric(metric -> metric.namespace("Sdk/App").metricName("Depth").dimensions(queue)))));
            MetricDataResult result = data.metricDataResults().get(0);
            assertEquals(List.of(5.0), result.values());
            assertEquals(now.truncatedTo(ChronoUnit.MINUTES), result.timestamps().get(0));
            assertEquals("Complete", result.statusCodeAsString());
            assertEquals(List.of("Depth"), cloudWatch.listMetrics(request -> request.namespace("Sdk/App")).metrics().stream()
                    .map(metric -> metric.metricName()).toList());
            assertTrue(backlane.cloudWatch(backlane.newAccount().id()).listMetrics(request -> request.namespace("Sdk/App")).metrics().isEmpty(),
                    "another account has metrics of its own");
            CloudWatchException refused = assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricData(request -> request.namespace("Sdk/App")
                    .metricData(datum -> datum.metricName("Depth").value(1.0).values(1.0, 2.0))));
            assertEquals(400, refused.statusCode());
            assertEquals("InvalidParameterCombination", refused.awsErrorDetails().errorCode());
        }
    }
}
