package dev.backlane.core.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlarmEvaluatorTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final MetricKey KEY = new MetricKey("App", "Latency", List.of(new Dimension("Service", "a")));
    /** Evaluated at 12:05:30: the periods are the whole minutes before 12:05. */
    private static final Instant NOW = Instant.parse("2026-12-07T12:05:30Z");

    private final MetricStore store = new MetricStore(10, 1_000);
    private final AlarmEvaluator evaluator = new AlarmEvaluator();

    /** One value in each minute that {@code values} gives, the last one in the minute before 12:05; null leaves a minute empty. */
    private void put(Double... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                Instant at = Instant.parse("2026-12-07T12:05:00Z").minusSeconds(60L * (values.length - i)).plusSeconds(10);
                store.put(SCOPE, List.of(new MetricDatum(KEY, at, "None", 60, Samples.of(values[i], 1))), NOW);
            }
        }
    }

    private Optional<AlarmEvaluator.Outcome> evaluate(AlarmDefinition definition, AlarmState current) {
        MetricAlarm alarm = new MetricAlarm(SCOPE, "latency", definition,
                new AlarmStatus(current, "before", Optional.empty(), NOW.minusSeconds(600), NOW.minusSeconds(600)), NOW, Map.of(), Optional.empty());
        return evaluator.evaluate(alarm, store, NOW);
    }

    @Test
    void oneBreachingDatapointAlarmsWithAwsReasonAndData() throws Exception {
        put(150.0);
        AlarmEvaluator.Outcome outcome = evaluate(Alarms.definition(1, 1, "missing"), AlarmState.OK).orElseThrow();
        assertEquals(AlarmState.ALARM, outcome.state());
        assertEquals("Threshold Crossed: 1 datapoint [150.0 (07/12/26 12:04:00)] was greater than the threshold (100.0).", outcome.reason());
        JsonNode data = new ObjectMapper().readTree(outcome.reasonData());
        assertEquals("1.0", data.path("version").asText());
        assertEquals("2026-12-07T12:05:30.000+0000", data.path("queryDate").asText());
        assertEquals("2026-12-07T12:04:00.000+0000", data.path("startDate").asText());
        assertEquals("Maximum", data.path("statistic").asText());
        assertEquals(60, data.path("period").asInt());
        assertEquals(150.0, data.path("recentDatapoints").get(0).asDouble());
        assertEquals(100.0, data.path("threshold").asDouble());
        assertEquals("2026-12-07T12:04:00.000+0000", data.path("evaluatedDatapoints").get(0).path("timestamp").asText());
        assertEquals(1.0, data.path("evaluatedDatapoints").get(0).path("sampleCount").asDouble());
    }

    @Test
    void mOutOfNNeedsMBreachingAmongTheLastN() {
        put(150.0, 50.0, 150.0);
        assertEquals(AlarmState.ALARM, evaluate(Alarms.definition(3, 2, "missing"), AlarmState.OK).orElseThrow().state());
        AlarmEvaluator.Outcome ok = evaluate(Alarms.definition(3, 3, "missing"), AlarmState.ALARM).orElseThrow();
        assertEquals(AlarmState.OK, ok.state());
        assertEquals("Threshold Crossed: 1 out of the last 3 datapoints [50.0 (07/12/26 12:03:00)] was not greater than the threshold (100.0) "
                + "(minimum 1 datapoint for ALARM -> OK transition).", ok.reason());
    }

    @Test
    void twoOutOfThreeReasonNamesTheBreachingDatapointsNewestFirst() {
        put(150.0, 50.0, 200.0);
        AlarmEvaluator.Outcome outcome = evaluate(Alarms.definition(3, 2, "missing"), AlarmState.OK).orElseThrow();
        assertEquals("Threshold Crossed: 2 out of the last 3 datapoints [200.0 (07/12/26 12:04:00), 150.0 (07/12/26 12:02:00)] were greater than "
                + "the threshold (100.0) (minimum 2 datapoints for OK -> ALARM transition).", outcome.reason());
    }

    @Test
    void withNoDataTheTreatmentOfMissingDataDecides() {
        assertEquals(AlarmState.INSUFFICIENT_DATA, evaluate(Alarms.definition(1, 1, "missing"), AlarmState.OK).orElseThrow().state());
        assertEquals("Insufficient Data: 1 datapoint was unknown.", evaluate(Alarms.definition(1, 1, "missing"), AlarmState.OK).orElseThrow().reason());
        AlarmEvaluator.Outcome breaching = evaluate(Alarms.definition(2, 2, "breaching"), AlarmState.OK).orElseThrow();
        assertEquals(AlarmState.ALARM, breaching.state());
        assertEquals("Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching].",
                breaching.reason());
        assertEquals(AlarmState.OK, evaluate(Alarms.definition(1, 1, "notBreaching"), AlarmState.ALARM).orElseThrow().state());
        assertTrue(evaluate(Alarms.definition(1, 1, "ignore"), AlarmState.ALARM).isEmpty());
    }

    @Test
    void enoughRealDatapointsFromFartherBackMakeMissingDataIrrelevant() {
        // Range of 5 for N = 3: the two older datapoints fill in for the two missing recent ones.
        put(150.0, 150.0, 150.0, null, null);
        assertEquals(AlarmState.ALARM, evaluate(Alarms.definition(3, 3, "notBreaching"), AlarmState.OK).orElseThrow().state());
    }

    @Test
    void missingDatapointsAreFilledAsTreatedWhenTooFewAreReal() {
        put(null, null, null, 150.0, null);
        assertEquals(AlarmState.ALARM, evaluate(Alarms.definition(3, 2, "breaching"), AlarmState.OK).orElseThrow().state());
        assertEquals(AlarmState.OK, evaluate(Alarms.definition(3, 2, "notBreaching"), AlarmState.ALARM).orElseThrow().state());
    }

    @Test
    void anOldEnoughBreachFollowedOnlyByMissingDataAlarmsPrematurely() {
        put(null, null, 150.0, null, null);
        assertEquals(AlarmState.ALARM, evaluate(Alarms.definition(3, 3, "missing"), AlarmState.OK).orElseThrow().state());
        store.put(SCOPE, List.of(new MetricDatum(KEY, Instant.parse("2026-12-07T12:04:10Z"), "None", 60, Samples.of(10, 1))), NOW);
        assertEquals(AlarmState.OK, evaluate(Alarms.definition(3, 3, "missing"), AlarmState.ALARM).orElseThrow().state());
    }

    @Test
    void theCurrentMinuteIsNotEvaluatedYet() {
        store.put(SCOPE, List.of(new MetricDatum(KEY, Instant.parse("2026-12-07T12:05:10Z"), "None", 60, Samples.of(500, 1))), NOW);
        assertEquals(AlarmState.INSUFFICIENT_DATA, evaluate(Alarms.definition(1, 1, "missing"), AlarmState.OK).orElseThrow().state());
    }

    @Test
    void standardAlarmsAreEvaluatedEveryMinuteHighResolutionOnesEveryTenSeconds() {
        assertEquals(60, AlarmEvaluator.cadenceSeconds(Alarms.definition(1, 1, "missing")));
        assertEquals(10, AlarmEvaluator.cadenceSeconds(AlarmRequests.definition(Alarms.withPeriod(Alarms.request(1, Optional.empty(), Optional.empty()), 10))));
    }
}
