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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** A PutMetricData input of {@code metrics} data, each with {@code values} values and a dimension value {@code valueLength} long. */
    private static Map<String, Object> putInput(int metrics, int values, int valueLength) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < metrics; i++) {
            data.add(Map.of("MetricName", "m" + i, "Dimensions", List.of(Map.of("Name", "Host", "Value", "h".repeat(valueLength))),
                    "Values", java.util.stream.IntStream.range(0, values).mapToObj(v -> (double) v).toList()));
        }
        return Map.of("Namespace", "Limits", "MetricData", data);
    }

    /** The same as Query parameters. */
    private static String[] putParameters(int metrics, int values, int valueLength) {
        List<String> parameters = new ArrayList<>(List.of("Namespace", "Limits"));
        for (int i = 1; i <= metrics; i++) {
            String datum = "MetricData.member." + i;
            parameters.addAll(List.of(datum + ".MetricName", "m" + i, datum + ".Dimensions.member.1.Name", "Host",
                    datum + ".Dimensions.member.1.Value", "h".repeat(valueLength)));
            for (int v = 1; v <= values; v++) {
                parameters.addAll(List.of(datum + ".Values.member." + v, Integer.toString(v)));
            }
        }
        return parameters.toArray(String[]::new);
    }

    /** The code and message of an error answered in CBOR or JSON, with the Query code clients read from x-amzn-query-error. */
    private static String refusal(ApiResponse answer, ObjectMapper mapper) throws IOException {
        JsonNode error = mapper.readTree(answer.bytes());
        return answer.status() + " " + answer.headers().get("x-amzn-query-error") + " " + error.path("message").asText();
    }

    @Test
    void putMetricDataOverOneMegabyteIsRefusedInEachProtocolAndNothingIsStored() throws IOException {
        // 1,000 metrics (the most a call may carry) whose dimension values (1,024 characters, the longest) take them past 1 MB.
        TestApi.Response query = api.call("monitoring", "PutMetricData", putParameters(1000, 1, 1024));
        assertEquals(413, query.status(), query.body());
        assertEquals("RequestEntityTooLarge", query.text("//Error/Code"));
        assertTrue(query.text("//Error/Message").matches("Request size \\d{7} exceeded 1048576 bytes"), query.text("//Error/Message"));

        ObjectMapper cborMapper = new ObjectMapper(CBOR);
        ApiResponse cbor = api.cbor("monitoring", "PutMetricData", cborMapper.writeValueAsBytes(putInput(1000, 1, 1024)));
        assertTrue(refusal(cbor, cborMapper).matches("413 RequestEntityTooLarge;Sender Request size \\d{7} exceeded 1048576 bytes"),
                refusal(cbor, cborMapper));
        ObjectMapper json = new ObjectMapper();
        ApiResponse jsonAnswer = api.jsonAnswer("monitoring", "PutMetricData", json.writeValueAsString(putInput(1000, 1, 1024)));
        assertTrue(refusal(jsonAnswer, json).matches("413 RequestEntityTooLarge;Sender Request size \\d{7} exceeded 1048576 bytes"),
                refusal(jsonAnswer, json));
        assertEquals(List.of(), api.call("monitoring", "ListMetrics", "Namespace", "Limits").texts("//Metrics/member/MetricName"));

        // Under the limit in every protocol: 1,000 metrics with dimension values of 800 characters are stored.
        assertEquals(200, api.call("monitoring", "PutMetricData", putParameters(1000, 1, 800)).status());
        assertEquals(200, api.cbor("monitoring", "PutMetricData", cborMapper.writeValueAsBytes(putInput(1000, 1, 800))).status());
        assertEquals(200, api.jsonAnswer("monitoring", "PutMetricData", json.writeValueAsString(putInput(1000, 1, 800))).status());
    }

    @Test
    void putMetricDataCountsAndLengthsAreCheckedInEachProtocol() throws IOException {
        ObjectMapper cborMapper = new ObjectMapper(CBOR);
        ObjectMapper json = new ObjectMapper();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1001 metrics", "InvalidParameterValue The collection MetricData must not have a size greater than 1000.");
        expected.put("151 values", "InvalidParameterValue The collection MetricData.member.1.Values must not have a size greater than 150.");
        Map<String, int[]> shapes = Map.of("1001 metrics", new int[] {1001, 1, 1}, "151 values", new int[] {1, 151, 1});
        for (Map.Entry<String, String> each : expected.entrySet()) {
            int[] shape = shapes.get(each.getKey());
            TestApi.Response query = api.call("monitoring", "PutMetricData", putParameters(shape[0], shape[1], shape[2]));
            assertEquals(400, query.status(), each.getKey());
            assertEquals(each.getValue(), query.text("//Error/Code") + " " + query.text("//Error/Message"), each.getKey());
            String code = each.getValue().substring(0, each.getValue().indexOf(' '));
            String message = each.getValue().substring(code.length() + 1);
            assertEquals("400 " + code + ";Sender " + message,
                    refusal(api.cbor("monitoring", "PutMetricData", cborMapper.writeValueAsBytes(putInput(shape[0], shape[1], shape[2]))), cborMapper),
                    each.getKey());
            assertEquals("400 " + code + ";Sender " + message,
                    refusal(api.jsonAnswer("monitoring", "PutMetricData", json.writeValueAsString(putInput(shape[0], shape[1], shape[2]))), json),
                    each.getKey());
        }
        // A dimension value past 1,024 characters breaks the model's constraint, in each protocol's words.
        TestApi.Response query = api.call("monitoring", "PutMetricData", putParameters(1, 1, 1025));
        assertEquals(400, query.status());
        assertTrue(query.text("//Error/Message").contains("metricData.1.member.dimensions.1.member.value"), query.body());
        assertTrue(query.text("//Error/Message").contains("Member must have length less than or equal to 1024"), query.body());
        ApiResponse cbor = api.cbor("monitoring", "PutMetricData", cborMapper.writeValueAsBytes(putInput(1, 1, 1025)));
        assertEquals(400, cbor.status());
        assertTrue(refusal(cbor, cborMapper).contains("Member must have length less than or equal to 1024"), refusal(cbor, cborMapper));
        ApiResponse jsonAnswer = api.jsonAnswer("monitoring", "PutMetricData", json.writeValueAsString(putInput(1, 1, 1025)));
        assertEquals(400, jsonAnswer.status());
        assertTrue(refusal(jsonAnswer, json).contains("Member must have length less than or equal to 1024"), refusal(jsonAnswer, json));
        assertEquals(List.of(), api.call("monitoring", "ListMetrics", "Namespace", "Limits").texts("//Metrics/member/MetricName"));
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
