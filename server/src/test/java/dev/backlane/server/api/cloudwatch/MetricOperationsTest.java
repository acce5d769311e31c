package dev.backlane.server.api.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.backlane.server.TestApi;
import dev.backlane.server.api.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class MetricOperationsTest {
    private static final CBORFactory CBOR = new CBORFactory();
    private final TestApi api = new TestApi();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void queryCallsPutAndReadAMetric() {
        TestApi.Response put = api.call("monitoring", "PutMetricData", "Namespace", "App", "MetricData.member.1.MetricName", "Latency",
                "MetricData.member.1.Value", "5", "MetricData.member.1.Unit", "Milliseconds",
                "MetricData.member.1.Dimensions.member.1.Name", "Service", "MetricData.member.1.Dimensions.member.1.Value", "a");
        assertEquals(200, put.status(), put.body());
        TestApi.Response statistics = api.call("monitoring", "GetMetricStatistics", "Namespace", "App", "MetricName", "Latency",
                "Dimensions.member.1.Name", "Service", "Dimensions.member.1.Value", "a", "StartTime", now.minusSeconds(300).toString(),
                "EndTime", now.plusSeconds(120).toString(), "Period", "60", "Statistics.member.1", "Sum");
        assertEquals(200, statistics.status(), statistics.body());
        assertEquals("5.0", statistics.text("//GetMetricStatisticsResult/Datapoints/member/Sum"));
        assertEquals("Milliseconds", statistics.text("//Datapoints/member/Unit"));
        TestApi.Response listed = api.call("monitoring", "ListMetrics", "Namespace", "App");
        assertEquals("Latency", listed.text("//ListMetricsResult/Metrics/member/MetricName"));
        assertEquals("Service", listed.text("//Metrics/member/Dimensions/member/Name"));
    }

    @Test
    void queryErrorsAreCloudWatchsCodes() {
        TestApi.Response refused = api.call("monitoring", "PutMetricData", "Namespace", "AWS/EC2", "MetricData.member.1.MetricName", "M",
                "MetricData.member.1.Value", "1");
        assertEquals(400, refused.status());
        assertEquals("InvalidParameterValue", refused.text("//Error/Code"));
        TestApi.Response period = api.call("monitoring", "GetMetricStatistics", "Namespace", "App", "MetricName", "M",
                "StartTime", now.minusSeconds(300).toString(), "EndTime", now.toString(), "Period", "45", "Statistics.member.1", "Sum");
        assertEquals("InvalidParameterValue", period.text("//Error/Code"));
    }

    @Test
    void cborCallsCarryTaggedTimestampsAndTheProtocolsHeader() throws IOException {
        ByteArrayOutputStream put = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.createGenerator(put)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "App");
            out.writeFieldName("MetricData");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringField("MetricName", "Bytes");
            out.writeFieldName("Values");
            out.writeStartArray();
            out.writeNumber(1.0);
            out.writeNumber(9.0);
            out.writeEndArray();
            out.writeFieldName("Timestamp");
            out.writeTag(1);
            out.writeNumber(now.getEpochSecond());
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        ApiResponse stored = api.cbor("monitoring", "PutMetricData", put.toByteArray());
        assertEquals(200, stored.status(), stored.body());
        assertEquals("application/cbor", stored.contentType());
        assertEquals("rpc-v2-cbor", stored.headers().get("smithy-protocol"));

        ByteArrayOutputStream get = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.createGenerator(get)) {
            out.writeStartObject();
            out.writeFieldName("MetricDataQueries");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringField("Id", "m");
            out.writeFieldName("MetricStat");
            out.writeStartObject();
            out.writeFieldName("Metric");
            out.writeStartObject();
            out.writeStringField("Namespace", "App");
            out.writeStringField("MetricName", "Bytes");
            out.writeEndObject();
            out.writeNumberField("Period", 60);
            out.writeStringField("Stat", "Maximum");
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndArray();
            out.writeFieldName("StartTime");
            out.writeTag(1);
            out.writeNumber((double) now.minusSeconds(600).getEpochSecond());
            out.writeFieldName("EndTime");
            out.writeTag(1);
            out.writeNumber((double) now.plusSeconds(120).getEpochSecond());
            out.writeEndObject();
        }
        ApiResponse read = api.cbor("monitoring", "GetMetricData", get.toByteArray());
        assertEquals(200, read.status(), read.body());
        JsonNode tree = new ObjectMapper(CBOR).readTree(read.bytes());
        JsonNode result = tree.path("MetricDataResults").get(0);
        assertEquals("m", result.path("Id").asText());
        assertEquals(9.0, result.path("Values").get(0).asDouble());
        assertEquals(now.getEpochSecond() / 60 * 60, result.path("Timestamps").get(0).asLong());
        assertEquals("Complete", result.path("StatusCode").asText());
        try (CBORParser parser = CBOR.createParser(read.bytes())) {
            boolean tagged = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.getCurrentTag() == 1) {
                    tagged = true;
                }
            }
            assertTrue(tagged, "timestamps are tagged as epoch seconds");
        }
    }

    @Test
    void cborAndJsonErrorsNameTheModelledShapeAndTheQueryCode() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (CBORGenerator out = CBOR.createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("Namespace", "AWS/EC2");
            out.writeFieldName("MetricData");
            out.writeStartArray();
            out.writeStartObject();
            out.writeStringField("MetricName", "M");
            out.writeNumberField("Value", 1.0);
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }
        ApiResponse cbor = api.cbor("monitoring", "PutMetricData", body.toByteArray());
        assertEquals(400, cbor.status());
        assertEquals("InvalidParameterValue;Sender", cbor.headers().get("x-amzn-query-error"));
        JsonNode error = new ObjectMapper(CBOR).readTree(cbor.bytes());
        assertEquals("InvalidParameterValueException", error.path("__type").asText());
        assertEquals("The value AWS/ for parameter Namespace is invalid.", error.path("message").asText());

        ApiResponse json = api.jsonAnswer("monitoring", "PutMetricData",
                "{\"Namespace\":\"App\",\"MetricData\":[{\"MetricName\":\"M\",\"Value\":1,\"Values\":[1]}]}");
        assertEquals(400, json.status());
        assertEquals("application/x-amz-json-1.0", json.contentType());
        assertEquals("InvalidParameterCombination;Sender", json.headers().get("x-amzn-query-error"));
        assertEquals("InvalidParameterCombinationException", new ObjectMapper().readTree(json.bytes()).path("__type").asText());

        ApiResponse unknown = api.cbor("monitoring", "DescribeNothing", new byte[0]);
        assertEquals(400, unknown.status());
    }

    @Test
    void listMetricsPagesByFiveHundred() {
        for (int i = 0; i < 501; i++) {
            api.call("monitoring", "PutMetricData", "Namespace", "Many", "MetricData.member.1.MetricName", String.format("m%03d", i),
                    "MetricData.member.1.Value", "1");
        }
        TestApi.Response first = api.call("monitoring", "ListMetrics", "Namespace", "Many");
        assertEquals(500, first.texts("//Metrics/member/MetricName").size());
        String token = first.text("//ListMetricsResult/NextToken");
        TestApi.Response second = api.call("monitoring", "ListMetrics", "Namespace", "Many", "NextToken", token);
        assertEquals("m500", second.text("//Metrics/member/MetricName"));
        assertEquals(null, second.text("//ListMetricsResult/NextToken"));
    }
}
