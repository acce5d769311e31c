package dev.backlane.server.api.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.backlane.server.TestApi;
import dev.backlane.server.api.ApiResponse;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmOperationsTest {
    private static final String ALARM_ARN = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:";
    private final TestApi api = new TestApi();

    private TestApi.Response putAlarm(String name, String... more) {
        List<String> parameters = new java.util.ArrayList<>(List.of("AlarmName", name, "Namespace", "App", "MetricName", "Latency",
                "Statistic", "Maximum", "Period", "60", "EvaluationPeriods", "1", "Threshold", "100", "ComparisonOperator", "GreaterThanThreshold",
                "AlarmActions.member.1", "arn:aws:sns:us-east-1:000000000000:pager"));
        parameters.addAll(List.of(more));
        return api.call("monitoring", "PutMetricAlarm", parameters.toArray(String[]::new));
    }

    @Test
    void queryPutDescribeSetStateHistoryAndDelete() {
        assertEquals(200, putAlarm("api-latency", "Tags.member.1.Key", "team", "Tags.member.1.Value", "net").status());
        TestApi.Response described = api.call("monitoring", "DescribeAlarms", "AlarmNamePrefix", "api");
        assertEquals(200, described.status(), described.body());
        assertEquals(ALARM_ARN + "api-latency", described.text("//MetricAlarms/member/AlarmArn"));
        assertEquals("INSUFFICIENT_DATA", described.text("//MetricAlarms/member/StateValue"));
        // No data: it stays in its initial state, which keeps its reason.
        assertEquals("Unchecked: Initial alarm creation", described.text("//MetricAlarms/member/StateReason"));
        assertEquals("GreaterThanThreshold", described.text("//MetricAlarms/member/ComparisonOperator"));

        assertEquals(200, api.call("monitoring", "SetAlarmState", "AlarmName", "api-latency", "StateValue", "ALARM", "StateReason", "testing")
                .status());
        assertEquals("api-latency", api.call("monitoring", "DescribeAlarms", "StateValue", "ALARM").text("//MetricAlarms/member/AlarmName"));
        TestApi.Response history = api.call("monitoring", "DescribeAlarmHistory", "AlarmName", "api-latency", "HistoryItemType", "StateUpdate");
        assertEquals("Alarm updated from INSUFFICIENT_DATA to ALARM", history.text("//AlarmHistoryItems/member/HistorySummary"));
        assertTrue(history.text("//AlarmHistoryItems/member/HistoryData").contains("\"stateReason\":\"testing\""));

        assertEquals("team", api.call("monitoring", "ListTagsForResource", "ResourceARN", ALARM_ARN + "api-latency")
                .text("//Tags/member/Key"));
        assertEquals(200, api.call("monitoring", "DeleteAlarms", "AlarmNames.member.1", "api-latency").status());
        assertNull(api.call("monitoring", "DescribeAlarms").text("//MetricAlarms/member/AlarmName"));
        api.call("monitoring", "DeleteAlarms", "AlarmNames.member.1", "api-latency").assertError(404, "ResourceNotFound");
        api.call("monitoring", "ListTagsForResource", "ResourceARN", ALARM_ARN + "api-latency").assertError(404, "ResourceNotFoundException");
    }

    @Test
    void queryRefusalsNameTheParameter() {
        TestApi.Response period = putAlarm("p", "Period", "45");
        period.assertError("ValidationError");
        assertEquals("The value 45 for parameter Period is invalid. Valid values are 10, 20, 30, and any multiple of 60.", period.text("//Error/Message"));
        putAlarm("s", "ExtendedStatistic", "p99").assertError("InvalidParameterCombination");
        putAlarm("d", "DatapointsToAlarm", "2").assertError("ValidationError");
        api.call("monitoring", "PutMetricAlarm", "AlarmName", "x", "Namespace", "App", "MetricName", "Latency", "Statistic", "Maximum", "Period",
                "60", "EvaluationPeriods", "1", "Threshold", "1", "ComparisonOperator", "Bigger").assertError("ValidationError");
        api.call("monitoring", "SetAlarmState", "AlarmName", "nope", "StateValue", "OK", "StateReason", "x").assertError(404, "ResourceNotFound");
        putAlarm("j");
        api.call("monitoring", "SetAlarmState", "AlarmName", "j", "StateValue", "OK", "StateReason", "x", "StateReasonData", "{oops")
                .assertError("InvalidFormat");
        api.call("monitoring", "DescribeAlarms", "AlarmNames.member.1", "j", "AlarmNamePrefix", "j").assertError("InvalidParameterCombination");
    }

    @Test
    void describeAlarmsPagesAndDescribeAlarmsForMetricMatchesTheMetric() {
        for (int i = 0; i < 3; i++) {
            putAlarm("a" + i);
        }
        TestApi.Response first = api.call("monitoring", "DescribeAlarms", "MaxRecords", "2");
        assertEquals(List.of("a0", "a1"), first.texts("//MetricAlarms/member/AlarmName"));
        TestApi.Response second = api.call("monitoring", "DescribeAlarms", "MaxRecords", "2", "NextToken", first.text("//DescribeAlarmsResult/NextToken"));
        assertEquals(List.of("a2"), second.texts("//MetricAlarms/member/AlarmName"));
        api.call("monitoring", "DescribeAlarms", "NextToken", "garbage").assertError("InvalidNextToken");
        assertEquals(3, api.call("monitoring", "DescribeAlarmsForMetric", "Namespace", "App", "MetricName", "Latency")
                .texts("//MetricAlarms/member/AlarmName").size());
        assertEquals(0, api.call("monitoring", "DescribeAlarmsForMetric", "Namespace", "App", "MetricName", "Latency", "Statistic", "Sum")
                .texts("//MetricAlarms/member/AlarmName").size());
        assertEquals(0, api.call("monitoring", "DescribeAlarms", "AlarmTypes.member.1", "CompositeAlarm").texts("//MetricAlarms/member").size());
        api.call("monitoring", "DisableAlarmActions", "AlarmNames.member.1", "a1").assertOk();
        assertEquals("false", api.call("monitoring", "DescribeAlarms", "AlarmNames.member.1", "a1").text("//MetricAlarms/member/ActionsEnabled"));
    }

    @Test
    void jsonAndCborServeTheSameAlarms() throws IOException {
        ApiResponse put = api.jsonAnswer("monitoring", "PutMetricAlarm", "{\"AlarmName\":\"m\",\"Metrics\":[{\"Id\":\"m1\",\"MetricStat\":{\"Metric\":"
                + "{\"Namespace\":\"App\",\"MetricName\":\"Latency\"},\"Period\":60,\"Stat\":\"p99\"},\"ReturnData\":true}],\"EvaluationPeriods\":3,"
                + "\"DatapointsToAlarm\":2,\"Threshold\":5,\"ComparisonOperator\":\"LessThanThreshold\",\"TreatMissingData\":\"breaching\"}");
        assertEquals(200, put.status(), put.body());
        ApiResponse described = api.cbor("monitoring", "DescribeAlarms", new ObjectMapper(new CBORFactory()).writeValueAsBytes(
                java.util.Map.of("AlarmNames", List.of("m"))));
        assertEquals(200, described.status(), described.body());
        JsonNode alarm = new ObjectMapper(new CBORFactory()).readTree(described.bytes()).path("MetricAlarms").get(0);
        assertEquals("ALARM", alarm.path("StateValue").asText());
        assertEquals("Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].",
                alarm.path("StateReason").asText());
        assertEquals("p99", alarm.path("Metrics").get(0).path("MetricStat").path("Stat").asText());
        ApiResponse refused = api.jsonAnswer("monitoring", "PutMetricAlarm", "{\"AlarmName\":\"m\",\"Namespace\":\"App\",\"MetricName\":\"L\","
                + "\"Statistic\":\"Sum\",\"Period\":60,\"EvaluationPeriods\":1,\"Threshold\":1,\"ComparisonOperator\":\"LessThanThreshold\","
                + "\"TreatMissingData\":\"sometimes\"}");
        assertEquals(400, refused.status());
        assertEquals("ValidationError;Sender", refused.headers().get("x-amzn-query-error"));
    }
}
