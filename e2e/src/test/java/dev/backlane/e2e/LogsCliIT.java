package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v1 and boto3 read and write CloudWatch Logs in Backlane as they would AWS's: the commands a user
 * runs to look at flow logs ({@code aws logs filter-log-events --filter-pattern '[..., action="REJECT", ...]'}).
 */
class LogsCliIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REJECTS = "[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, "
            + "windowstart, windowend, action=\"REJECT\", flowlogstatus]";

    @TempDir
    static Path home;


    private static JsonNode aws(ExternalProgram aws, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", backlane.endpoint(), "--output", "json"));
        ExternalProgram.Result result = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2), command);
        assertEquals(0, result.exitCode(), result::describe);
        return result.stdout().isBlank() ? JSON.nullNode() : JSON.readTree(result.stdout());
    }

    @Test
    void theCliPutsGetsAndFiltersFlowLogRecords() throws IOException {
        ExternalProgram aws = AwsCliJson.awsCli();
        aws(aws, "logs", "create-log-group", "--log-group-name", "/cli/flow", "--tags", "team=net");
        aws(aws, "logs", "put-retention-policy", "--log-group-name", "/cli/flow", "--retention-in-days", "14");
        aws(aws, "logs", "create-log-stream", "--log-group-name", "/cli/flow", "--log-stream-name", "eni-1-all");
        long now = Instant.now().toEpochMilli();
        Path events = home.resolve("events.json");
        Files.writeString(events, "[{\"timestamp\": " + (now - 2000) + ", \"message\": \"2 000000000000 eni-1 10.0.0.5 10.0.1.9 40000 443 6 3 180 "
                + "1700000000 1700000060 ACCEPT OK\"}, {\"timestamp\": " + (now - 1000) + ", \"message\": \"2 000000000000 eni-1 203.0.113.7 "
                + "10.0.0.5 51000 22 6 1 40 1700000000 1700000060 REJECT OK\"}]");
        JsonNode put = aws(aws, "logs", "put-log-events", "--log-group-name", "/cli/flow", "--log-stream-name", "eni-1-all",
                "--log-events", "file://" + events);
        assertTrue(put.path("nextSequenceToken").asText().matches("\\d+"), put.toString());

        JsonNode got = aws(aws, "logs", "get-log-events", "--log-group-name", "/cli/flow", "--log-stream-name", "eni-1-all", "--start-from-head");
        assertEquals(2, got.path("events").size(), got.toString());
        assertTrue(got.path("nextForwardToken").asText().matches("f/\\d{56}/s"), got.toString());

        JsonNode filtered = aws(aws, "logs", "filter-log-events", "--log-group-name", "/cli/flow", "--filter-pattern", REJECTS);
        assertEquals(1, filtered.path("events").size(), filtered.toString());
        assertTrue(filtered.path("events").get(0).path("message").asText().contains("203.0.113.7"));

        JsonNode groups = aws(aws, "logs", "describe-log-groups", "--log-group-name-prefix", "/cli/");
        assertEquals(14, groups.path("logGroups").get(0).path("retentionInDays").asInt(), groups.toString());
        ExternalProgram.Result missing = aws.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2), List.of("logs", "get-log-events",
                "--log-group-name", "/cli/none", "--log-stream-name", "s", "--endpoint-url", backlane.endpoint()));
        assertEquals(255, missing.exitCode(), missing::describe);
        assertTrue(missing.stderr().contains("(ResourceNotFoundException) when calling the GetLogEvents operation: The specified log group does "
                + "not exist."), missing::describe);
    }

    @Test
    void boto3PagesThroughEventsAndReadsErrors() throws IOException {
        ExternalProgram python = AwsCliJson.python3();
        Path script = home.resolve("logs.py");
        Files.writeString(script, """
                import json, sys, time
                import boto3, botocore.exceptions
                logs = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1",
                                    aws_access_key_id="444444444444", aws_secret_access_key="test")
                logs.create_log_group(logGroupName="/boto3/flow")
                logs.create_log_stream(logGroupName="/boto3/flow", logStreamName="eni-2-all")
                now = int(time.time() * 1000)
                events = [{"timestamp": now - 1000 + i,
                           "message": "2 444444444444 eni-2 10.0.0.%d 10.0.1.9 40000 443 6 1 40 1 2 %s OK" % (i, "REJECT" if i %% 2 else "ACCEPT")}
                          for i in range(40)]
                logs.put_log_events(logGroupName="/boto3/flow", logStreamName="eni-2-all", logEvents=events)
                pages = logs.get_paginator("filter_log_events").paginate(logGroupName="/boto3/flow", filterPattern=sys.argv[2],
                                                                         PaginationConfig={"PageSize": 7})
                rejects = [event["message"] for page in pages for event in page["events"]]
                try:
                    logs.create_log_group(logGroupName="/boto3/flow")
                    code = None
                except botocore.exceptions.ClientError as error:
                    code = error.response["Error"]["Code"]
                streams = logs.describe_log_streams(logGroupName="/boto3/flow", orderBy="LastEventTime", descending=True)["logStreams"]
                print(json.dumps({"rejects": len(rejects), "allRejects": all(" REJECT " in m for m in rejects), "duplicate": code,
                                  "lastEvent": streams[0]["lastEventTimestamp"] - now}))
                """.replace("%%", "%"));
        ExternalProgram.Result result = python.run(home, AwsCliIT.environment(home), Duration.ofMinutes(2),
                List.of(script.toString(), backlane.endpoint(), REJECTS));
        assertEquals(0, result.exitCode(), result::describe);
        JsonNode answer = JSON.readTree(result.stdout().strip());
        assertEquals(20, answer.path("rejects").asInt(), answer.toString());
        assertTrue(answer.path("allRejects").asBoolean(), answer.toString());
        assertEquals("ResourceAlreadyExistsException", answer.path("duplicate").asText());
        assertEquals(-1000 + 39, answer.path("lastEvent").asLong());
    }
}
