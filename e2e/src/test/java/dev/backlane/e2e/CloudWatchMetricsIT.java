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
                service = "cloudwatch"
                """ + Boto3Protocols.SESSION + """
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
            // 1,000 metrics with dimension values of 1,024 characters, sent uncompressed: over PutMetricData's 1 MB.
            List<software.amazon.awssdk.services.cloudwatch.model.MetricDatum> large = java.util.stream.IntStream.range(0, 1000)
                    .mapToObj(i -> software.amazon.awssdk.services.cloudwatch.model.MetricDatum.builder().metricName("Big" + i).value(1.0)
                            .dimensions(Dimension.builder().name("Host").value("h".repeat(1024)).build()).build()).toList();
            CloudWatchException tooLarge = assertThrows(CloudWatchException.class, () -> cloudWatch.putMetricData(request -> request
                    .namespace("Sdk/App").metricData(large)
                    .overrideConfiguration(o -> o.compressionConfiguration(c -> c.requestCompressionEnabled(false)))));
            assertEquals(413, tooLarge.statusCode());
            assertEquals("RequestEntityTooLarge", tooLarge.awsErrorDetails().errorCode());
        }
    }

    @Test
    void theCliEvaluatesMetricMathAndRefusesABadExpression() throws IOException {
        ExternalProgram aws = AwsCliJson.awsCli();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String datum = "{\"MetricName\": \"%s\", \"Value\": %s, \"Dimensions\": [{\"Name\": \"Api\", \"Value\": \"orders\"}]}";
        AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "put-metric-data", "--namespace", "Math/App", "--metric-data",
                "[" + datum.formatted("Errors", "3") + ", " + datum.formatted("Requests", "40") + ", " + datum.formatted("Requests", "20") + "]");
        String metric = "{\"Id\": \"%s\", \"ReturnData\": false, \"MetricStat\": {\"Metric\": {\"Namespace\": \"Math/App\", \"MetricName\": \"%s\", "
                + "\"Dimensions\": [{\"Name\": \"Api\", \"Value\": \"orders\"}]}, \"Period\": 60, \"Stat\": \"Sum\"}}";
        Path queries = home.resolve("math-queries.json");
        Files.writeString(queries, "[" + metric.formatted("errors", "Errors") + ", " + metric.formatted("requests", "Requests")
                + ", {\"Id\": \"rate\", \"Expression\": \"100 * errors / requests\", \"Label\": \"Error rate\"}"
                + ", {\"Id\": \"both\", \"Expression\": \"FILL(METRICS(), 0)\"}]");
        JsonNode data = AwsCliJson.ok(aws, home, backlane.endpoint(), "cloudwatch", "get-metric-data", "--metric-data-queries",
                "file://" + queries, "--start-time", now.minusSeconds(600).toString(), "--end-time", now.plusSeconds(60).toString());
        JsonNode results = data.path("MetricDataResults");
        assertEquals(3, results.size(), data.toString());
        assertEquals("rate", results.get(0).path("Id").asText());
        assertEquals("Error rate", results.get(0).path("Label").asText());
        assertEquals(5.0, results.get(0).path("Values").get(0).asDouble(), 1e-9, data.toString());
        assertEquals(List.of("both", "both"), List.of(results.get(1).path("Id").asText(), results.get(2).path("Id").asText()));
        assertEquals(List.of("Errors", "Requests"), List.of(results.get(1).path("Label").asText(), results.get(2).path("Label").asText()));
        // FILL gives every minute asked for (from the start's minute to the end) a value: 60 where data was put, 0 elsewhere.
        long minutes = (now.plusSeconds(60).getEpochSecond() - now.minusSeconds(600).truncatedTo(ChronoUnit.MINUTES).getEpochSecond() + 59) / 60;
        assertEquals(minutes, results.get(2).path("Values").size(), data.toString());
        assertEquals(60.0, results.get(2).path("Values").get(0).asDouble() + results.get(2).path("Values").get(1).asDouble(), data.toString());

        ExternalProgram.Result refused = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(1), List.of("cloudwatch", "get-metric-data",
                "--metric-data-queries", "[{\"Id\": \"e1\", \"Expression\": \"SUM(m1\"}]", "--start-time", now.minusSeconds(600).toString(),
                "--end-time", now.toString(), "--endpoint-url", backlane.endpoint()));
        assertEquals(255, refused.exitCode(), refused::describe);
        assertTrue(refused.stderr().contains("(ValidationError) when calling the GetMetricData operation: Error in expression e1: Syntax error at "
                + "position 7: expected ')' at the end."), refused::describe);
    }

    @Test
    void boto3EvaluatesMetricMathAndReportsDroppedPoints() throws IOException {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("math.py");
        Files.writeString(script, """
                import boto3, botocore, datetime, json, sys
                cw = boto3.client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1")
                now = datetime.datetime.now(datetime.timezone.utc)
                cw.put_metric_data(Namespace="Py/Math", MetricData=[{"MetricName": "Hits", "Value": 8}, {"MetricName": "Misses", "Value": 0}])
                def metric(id, name):
                    return {"Id": id, "ReturnData": False, "MetricStat": {"Metric": {"Namespace": "Py/Math", "MetricName": name},
                        "Period": 60, "Stat": "Sum"}}
                window = dict(StartTime=now - datetime.timedelta(minutes=5), EndTime=now + datetime.timedelta(minutes=1))
                data = cw.get_metric_data(MetricDataQueries=[metric("hits", "Hits"), metric("misses", "Misses"),
                    {"Id": "ratio", "Expression": "hits / misses"},
                    {"Id": "hot", "Expression": "IF(hits > 5 AND misses == 0, 1, 0)", "Label": "Hot"},
                    {"Id": "total", "Expression": "SUM([hits, misses]) ^ 2"}], **window)
                try:
                    cw.get_metric_data(MetricDataQueries=[metric("hits", "Hits"), {"Id": "e1", "Expression": "hits + nothing"}], **window)
                    error = None
                except botocore.exceptions.ClientError as e:
                    error = e.response["Error"]
                results = {r["Id"]: {"values": r["Values"], "label": r["Label"], "messages": r.get("Messages", [])}
                           for r in data["MetricDataResults"]}
                print(json.dumps({"protocol": cw.meta.service_model.protocol, "results": results, "error": error}))
                """);
        ExternalProgram.Result result = python.run(home, AwsCliIT.environment(home), Duration.ofMinutes(1),
                List.of(script.toString(), backlane.endpoint()));
        assertEquals(0, result.exitCode(), result::describe);
        JsonNode out = JSON.readTree(result.stdout());
        JsonNode results = out.path("results");
        assertEquals(0, results.path("ratio").path("values").size(), out.toString());
        assertEquals("ArithmeticError", results.path("ratio").path("messages").get(0).path("Code").asText(), out.toString());
        assertEquals("ratio", results.path("ratio").path("label").asText());
        assertEquals("Hot", results.path("hot").path("label").asText());
        assertEquals(1.0, results.path("hot").path("values").get(0).asDouble(), out.toString());
        assertEquals(64.0, results.path("total").path("values").get(0).asDouble(), out.toString());
        assertEquals("ValidationError", out.path("error").path("Code").asText(), out.toString());
        assertEquals("Error in expression e1: Unrecognized identifier nothing: it is not the Id of a query in this request.",
                out.path("error").path("Message").asText(), out.toString());
    }
}
