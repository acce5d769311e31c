package dev.backlane.server.api.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.server.TestApi;
import dev.backlane.server.TestApi.JsonResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsOperationsTest {
    private static final long NOW = TestApi.NOW.toEpochMilli();

    private final TestApi api = new TestApi();

    private JsonNode ok(String operation, String body) {
        JsonResponse response = api.json("logs", operation, body);
        assertEquals(200, response.status(), response.body());
        assertEquals("application/x-amz-json-1.1", response.contentType());
        return response.tree();
    }

    private JsonNode error(String operation, String body, String type) {
        JsonResponse response = api.json("logs", operation, body);
        assertEquals(400, response.status(), response.body());
        assertEquals(type, response.tree().path("__type").asText(), response.body());
        return response.tree();
    }

    @Test
    void aGroupIsDescribedWithBothArnFormsAndItsRetention() {
        ok("CreateLogGroup", "{\"logGroupName\":\"/aws/vpc/flow\",\"tags\":{\"team\":\"net\"}}");
        ok("PutRetentionPolicy", "{\"logGroupName\":\"/aws/vpc/flow\",\"retentionInDays\":30}");
        JsonNode group = ok("DescribeLogGroups", "{\"logGroupNamePrefix\":\"/aws/\"}").path("logGroups").get(0);
        assertEquals("/aws/vpc/flow", group.path("logGroupName").asText());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/aws/vpc/flow:*", group.path("arn").asText());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/aws/vpc/flow", group.path("logGroupArn").asText());
        assertEquals(NOW, group.path("creationTime").asLong());
        assertEquals(30, group.path("retentionInDays").asInt());
        assertEquals(0, group.path("metricFilterCount").asInt());
        assertEquals("STANDARD", group.path("logGroupClass").asText());
        JsonNode tags = ok("ListTagsForResource", "{\"resourceArn\":\"arn:aws:logs:us-east-1:000000000000:log-group:/aws/vpc/flow\"}");
        assertEquals("net", tags.path("tags").path("team").asText());
    }

    @Test
    void awsErrorsComeAsJsonTypesNamingTheProblem() {
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        error("CreateLogGroup", "{\"logGroupName\":\"g\"}", "ResourceAlreadyExistsException");
        JsonNode bad = error("CreateLogGroup", "{\"logGroupName\":\"a b\"}", "ValidationException");
        assertTrue(bad.path("message").asText().contains("'logGroupName'"), bad.toString());
        JsonNode missing = error("CreateLogGroup", "{}", "ValidationException");
        assertEquals("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
                missing.path("message").asText());
        error("PutRetentionPolicy", "{\"logGroupName\":\"g\",\"retentionInDays\":2}", "InvalidParameterException");
        error("DeleteLogGroup", "{\"logGroupName\":\"nope\"}", "ResourceNotFoundException");
        error("CreateLogGroup", "{\"logGroupName\":5}", "SerializationException");
        error("CreateLogGroup", "not json", "SerializationException");
        error("DescribeLogGroups", "{\"limit\":51}", "ValidationException");
        error("NoSuchOperation", "{}", "UnknownOperationException");
    }

    @Test
    void putThenGetAndFilterEvents() {
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        ok("CreateLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"eni-1-all\"}");
        JsonNode put = ok("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"eni-1-all\",\"sequenceToken\":\"ignored\",\"logEvents\":["
                + "{\"timestamp\":" + (NOW - 2000) + ",\"message\":\"2 1 eni-1 10.0.0.1 10.0.0.2 1 443 6 1 40 1 2 ACCEPT OK\"},"
                + "{\"timestamp\":" + (NOW - 1000) + ",\"message\":\"2 1 eni-1 10.0.0.1 10.0.0.2 1 22 6 1 40 1 2 REJECT OK\"}]}");
        assertTrue(put.path("nextSequenceToken").asText().matches("\\d+"));
        assertFalse(put.has("rejectedLogEventsInfo"));
        JsonNode got = ok("GetLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"eni-1-all\",\"startFromHead\":true}");
        assertEquals(2, got.path("events").size());
        assertEquals(NOW, got.path("events").get(0).path("ingestionTime").asLong());
        assertTrue(got.path("nextForwardToken").asText().startsWith("f/"));
        JsonNode filtered = ok("FilterLogEvents", "{\"logGroupIdentifier\":\"arn:aws:logs:us-east-1:000000000000:log-group:g\","
                + "\"filterPattern\":\"[version, account, eni, src, dst, srcport, dstport, protocol, packets, bytes, start, end, action=\\\"REJECT\\\", status]\"}");
        assertEquals(1, filtered.path("events").size());
        assertEquals("eni-1-all", filtered.path("events").get(0).path("logStreamName").asText());
        assertEquals(56, filtered.path("events").get(0).path("eventId").asText().length());
        JsonNode stream = ok("DescribeLogStreams", "{\"logGroupName\":\"g\"}").path("logStreams").get(0);
        assertEquals(NOW - 2000, stream.path("firstEventTimestamp").asLong());
        assertEquals(NOW - 1000, stream.path("lastEventTimestamp").asLong());
        assertEquals(NOW, stream.path("lastIngestionTime").asLong());
        JsonNode group = ok("DescribeLogGroups", "{}").path("logGroups").get(0);
        assertTrue(group.path("storedBytes").asLong() > 0);
    }

    @Test
    void tooOldAndTooNewEventsAreReportedAndTooLargeBatchesRefused() {
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        ok("CreateLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}");
        long hour = 3_600_000L;
        JsonNode put = ok("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":["
                + "{\"timestamp\":" + NOW + ",\"message\":\"ok\"},{\"timestamp\":" + (NOW + 3 * hour) + ",\"message\":\"future\"}]}");
        assertEquals(1, put.path("rejectedLogEventsInfo").path("tooNewLogEventStartIndex").asInt());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add("{\"timestamp\":" + NOW + ",\"message\":\"" + "x".repeat(250_000) + "\"}");
        }
        JsonNode tooLarge = error("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":[" + String.join(",", events) + "]}",
                "InvalidParameterException");
        assertTrue(tooLarge.path("message").asText().startsWith("Upload too large"), tooLarge.toString());
        error("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"nope\",\"logEvents\":[{\"timestamp\":1,\"message\":\"m\"}]}",
                "ResourceNotFoundException");
    }

    @Test
    void tagsCanBeChangedThroughBothApis() {
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:g";
        ok("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":{\"a\":\"1\",\"b\":\"2\"}}");
        ok("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"a\"]}");
        ok("TagLogGroup", "{\"logGroupName\":\"g\",\"tags\":{\"c\":\"3\"}}");
        JsonNode tags = ok("ListTagsLogGroup", "{\"logGroupName\":\"g\"}").path("tags");
        assertEquals(2, tags.size());
        assertEquals("3", tags.path("c").asText());
        error("ListTagsForResource", "{\"resourceArn\":\"arn:aws:logs:us-east-1:000000000000:log-group:nope\"}", "ResourceNotFoundException");
    }

    @Test
    void groupsAreKeptPerAccountAndRegion() {
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        api.as("111111111111", "us-east-1");
        assertEquals(0, ok("DescribeLogGroups", "{}").path("logGroups").size());
        ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
        api.as("000000000000", "eu-west-1");
        assertEquals(0, ok("DescribeLogGroups", "{}").path("logGroups").size());
    }
}
