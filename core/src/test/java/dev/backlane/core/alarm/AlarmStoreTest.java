package dev.backlane.core.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDataQuery;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlarmStoreTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final MetricKey KEY = new MetricKey("App", "Latency", List.of(new Dimension("Service", "a")));
    private static final Instant CREATED = Instant.parse("2026-12-07T12:00:30Z");

    private final MetricStore metrics = new MetricStore(10, 1_000);
    private final List<AlarmTransition> published = new ArrayList<>();
    private final AlarmStore store = new AlarmStore(metrics, published::add);

    private void put(Instant at, double value) {
        metrics.put(SCOPE, List.of(new MetricDatum(KEY, at, "None", 60, Samples.of(value, 1))), at);
    }

    @Test
    void aNewAlarmIsEvaluatedAtOnceAndEachTransitionIsPublishedAndRecorded() {
        MetricAlarm alarm = store.put(SCOPE, "latency", Alarms.definition(1, 1, "missing"), Map.of("team", "net"), CREATED);
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:latency", alarm.arn());
        // No data yet: from the initial INSUFFICIENT_DATA it stays there, and nothing is published.
        assertEquals(AlarmState.INSUFFICIENT_DATA, alarm.status().value());
        assertTrue(published.isEmpty());
        put(Instant.parse("2026-12-07T12:00:40Z"), 500);
        assertTrue(store.evaluateDue(Instant.parse("2026-12-07T12:00:59Z")).isEmpty(), "evaluated once a minute");
        List<AlarmTransition> changed = store.evaluateDue(Instant.parse("2026-12-07T12:01:05Z"));
        assertEquals(1, changed.size());
        assertEquals(changed, published);
        assertEquals(AlarmState.INSUFFICIENT_DATA, changed.get(0).previous());
        assertEquals(AlarmState.ALARM, changed.get(0).current());
        assertEquals(Instant.parse("2026-12-07T12:01:05Z"), store.find(SCOPE, "latency").orElseThrow().status().transitionedAt());
        List<AlarmHistoryItem> history = store.history(SCOPE, Optional.of("latency"), Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.parse("2026-12-07T12:01:05Z"));
        assertEquals(List.of("Alarm \"latency\" created", "Alarm updated from INSUFFICIENT_DATA to ALARM"),
                history.stream().map(AlarmHistoryItem::summary).toList());
        assertTrue(history.get(1).data().contains("\"oldState\":{\"stateValue\":\"INSUFFICIENT_DATA\""), history.get(1).data());
    }

    @Test
    void clearForgetsEveryAlarmAndItsHistoryInEveryScopeWithoutPublishing() {
        Scope other = new Scope("111111111111", "eu-west-1");
        store.put(SCOPE, "latency", Alarms.definition(1, 1, "missing"), Map.of(), CREATED);
        store.put(other, "errors", Alarms.definition(1, 1, "missing"), Map.of(), CREATED);
        store.setState(other, "errors", AlarmState.ALARM, "testing", Optional.empty(), CREATED);
        published.clear();
        store.clear();
        assertTrue(store.find(SCOPE, "latency").isEmpty());
        assertTrue(store.find(other, "errors").isEmpty());
        assertTrue(store.history(other, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CREATED).isEmpty());
        assertTrue(published.isEmpty());
        // A name can be used again, as new.
        assertEquals(AlarmState.INSUFFICIENT_DATA, store.put(other, "errors", Alarms.definition(1, 1, "missing"), Map.of(), CREATED).status().value());
    }

    @Test
    void setAlarmStateHoldsUntilTheNextEvaluation() {
        store.put(SCOPE, "latency", Alarms.definition(1, 1, "notBreaching"), Map.of(), CREATED);
        assertEquals(AlarmState.OK, store.find(SCOPE, "latency").orElseThrow().status().value());
        store.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.of("{\"a\":1}"), CREATED.plusSeconds(5));
        assertEquals(AlarmState.ALARM, published.get(published.size() - 1).current());
        assertEquals("testing", store.find(SCOPE, "latency").orElseThrow().status().reason());
        store.evaluateDue(CREATED.plusSeconds(60));
        assertEquals(AlarmState.OK, store.find(SCOPE, "latency").orElseThrow().status().value());
    }

    @Test
    void setAlarmStateRefusesUnknownAlarmsAndReasonDataThatIsNotJson() {
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, assertThrows(AwsException.class,
                () -> store.setState(SCOPE, "nope", AlarmState.OK, "x", Optional.empty(), CREATED)).code());
        store.put(SCOPE, "latency", Alarms.definition(1, 1, "missing"), Map.of(), CREATED);
        assertEquals(ErrorCode.INVALID_FORMAT, assertThrows(AwsException.class,
                () -> store.setState(SCOPE, "latency", AlarmState.OK, "x", Optional.of("{not json"), CREATED)).code());
    }

    @Test
    void deleteIsAllOrNothingAndHistoryOutlivesTheAlarm() {
        store.put(SCOPE, "a", Alarms.definition(1, 1, "missing"), Map.of(), CREATED);
        AwsException refused = assertThrows(AwsException.class, () -> store.delete(SCOPE, List.of("a", "b"), CREATED));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, refused.code());
        assertTrue(store.find(SCOPE, "a").isPresent());
        store.delete(SCOPE, List.of("a"), CREATED.plusSeconds(1));
        assertTrue(store.find(SCOPE, "a").isEmpty());
        assertEquals("Alarm \"a\" deleted", store.history(SCOPE, Optional.of("a"), Optional.of(AlarmHistoryItem.Type.CONFIGURATION_UPDATE),
                Optional.empty(), Optional.empty(), CREATED.plusSeconds(1)).get(1).summary());
    }

    @Test
    void updatingKeepsStateAndTagsAndFiltersFindByPrefixStateAndAction() {
        store.put(SCOPE, "api-latency", Alarms.definition(1, 1, "breaching"), Map.of("team", "net"), CREATED);
        store.put(SCOPE, "db-latency", Alarms.definition(1, 1, "notBreaching"), Map.of(), CREATED);
        MetricAlarm updated = store.put(SCOPE, "api-latency", Alarms.definition(2, 1, "ignore"), Map.of("other", "x"), CREATED.plusSeconds(1));
        assertEquals(AlarmState.ALARM, updated.status().value());
        assertEquals(Map.of("team", "net"), updated.tags());
        assertEquals(List.of("api-latency"), store.describe(SCOPE, new AlarmStore.Filter(List.of(), Optional.of("api"), Optional.empty(),
                Optional.empty())).stream().map(MetricAlarm::name).toList());
        assertEquals(List.of("db-latency"), store.describe(SCOPE, new AlarmStore.Filter(List.of(), Optional.empty(), Optional.of(AlarmState.OK),
                Optional.empty())).stream().map(MetricAlarm::name).toList());
        assertEquals(2, store.describe(SCOPE, new AlarmStore.Filter(List.of(), Optional.empty(), Optional.empty(),
                Optional.of("arn:aws:sns:us-east-1:000000000000:pa"))).size());
        assertEquals("api-latency", store.findByArn("arn:aws:cloudwatch:us-east-1:000000000000:alarm:api-latency").orElseThrow().name());
        assertTrue(store.findByArn("arn:aws:cloudwatch:us-east-1:111111111111:alarm:api-latency").isEmpty());
    }

    @Test
    void aMetricMathAlarmWatchesItsExpressionAndABadExpressionStoresNothing() {
        put(Instant.parse("2026-12-07T11:59:40Z"), 60);
        MetricDataQuery.MetricStat stat = new MetricDataQuery.MetricStat(KEY, 60, "Maximum", Optional.empty());
        AlarmRequests.PutAlarmRequest single = Alarms.request(1, Optional.empty(), Optional.empty());
        MetricAlarm doubled = store.put(SCOPE, "doubled", AlarmRequests.definition(Alarms.withMetrics(single, List.of(
                MetricDataQuery.metric("m1", stat, Optional.empty(), false),
                MetricDataQuery.expression("e1", "m1 * 2", Optional.empty(), Optional.empty(), true)))), Map.of(), CREATED);
        assertEquals(AlarmState.ALARM, doubled.status().value());
        assertTrue(doubled.status().reason().startsWith("Threshold Crossed: 1 datapoint [120.0 (07/12/26 11:59:00)]"), doubled.status().reason());
        AlarmDefinition broken = AlarmRequests.definition(Alarms.withMetrics(single, List.of(MetricDataQuery.metric("m1", stat, Optional.empty(), false),
                MetricDataQuery.expression("e1", "m1 * (", Optional.empty(), Optional.empty(), true))));
        assertThrows(AwsException.class, () -> store.put(SCOPE, "broken", broken, Map.of(), CREATED));
        assertTrue(store.find(SCOPE, "broken").isEmpty());
        assertTrue(store.history(SCOPE, Optional.of("broken"), Optional.empty(), Optional.empty(), Optional.empty(), CREATED).isEmpty());
    }

    @Test
    void eachCallGivesItsChangesToTheJournalInOrderOneScopeAtATime() {
        List<List<AlarmChange>> written = new ArrayList<>();
        AlarmStore journaled = new AlarmStore(metrics, published::add, written::add);
        journaled.put(SCOPE, "latency", Alarms.definition(1, 1, "notBreaching"), Map.of("team", "net"), CREATED);
        // Created, then evaluated at once to OK: saved twice and two history items, in one write.
        assertEquals(1, written.size());
        List<AlarmChange> created = written.get(0);
        assertEquals(List.of(AlarmChange.Recorded.class, AlarmChange.Saved.class, AlarmChange.Saved.class, AlarmChange.Recorded.class),
                created.stream().map(Object::getClass).toList());
        assertEquals(AlarmState.OK, ((AlarmChange.Saved) created.get(2)).alarm().status().value());
        journaled.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.empty(), CREATED.plusSeconds(5));
        assertEquals(AlarmState.ALARM, ((AlarmChange.Saved) written.get(1).get(0)).alarm().status().value());
        journaled.delete(SCOPE, List.of("latency"), CREATED.plusSeconds(6));
        assertEquals(List.of(new AlarmChange.Deleted(SCOPE, "latency")), written.get(2).subList(0, 1));
        // A history item 30 days later drops the three older ones past the retention.
        journaled.put(SCOPE, "again", Alarms.definition(1, 1, "missing"), Map.of(), CREATED.plus(java.time.Duration.ofDays(31)));
        assertTrue(written.get(3).contains(new AlarmChange.Dropped(SCOPE, 4)), written.get(3).toString());
        // An evaluation that changes nothing but when it ran writes nothing.
        int writes = written.size();
        journaled.evaluateDue(CREATED.plus(java.time.Duration.ofDays(31)).plusSeconds(60));
        assertEquals(writes, written.size());
    }

    @Test
    void aJournalThatCannotKeepAChangeFailsTheCallAndTakesTheChangeBack() {
        boolean[] failing = {false};
        AlarmStore journaled = new AlarmStore(metrics, published::add, changes -> {
            if (failing[0]) {
                throw AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "The store is unavailable");
            }
        });
        journaled.put(SCOPE, "latency", Alarms.definition(1, 1, "notBreaching"), Map.of(), CREATED);
        MetricAlarm before = journaled.find(SCOPE, "latency").orElseThrow();
        List<AlarmHistoryItem> historyBefore = journaled.history(SCOPE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CREATED);
        published.clear();
        failing[0] = true;
        assertThrows(AwsException.class, () -> journaled.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.empty(), CREATED.plusSeconds(1)));
        assertThrows(AwsException.class, () -> journaled.put(SCOPE, "errors", Alarms.definition(1, 1, "missing"), Map.of(), CREATED.plusSeconds(2)));
        assertThrows(AwsException.class, () -> journaled.delete(SCOPE, List.of("latency"), CREATED.plusSeconds(3)));
        assertEquals(before, journaled.find(SCOPE, "latency").orElseThrow());
        assertTrue(journaled.find(SCOPE, "errors").isEmpty());
        assertEquals(historyBefore, journaled.history(SCOPE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CREATED));
        assertTrue(published.isEmpty(), "a transition that was not kept is not published");
        // A failed evaluation is taken back too, and tried again at the next tick once the journal keeps changes.
        put(Instant.parse("2026-12-07T12:00:40Z"), 500);
        assertTrue(journaled.evaluateDue(Instant.parse("2026-12-07T12:01:05Z")).isEmpty());
        assertEquals(before, journaled.find(SCOPE, "latency").orElseThrow());
        failing[0] = false;
        List<AlarmTransition> changed = journaled.evaluateDue(Instant.parse("2026-12-07T12:01:06Z"));
        assertEquals(List.of(AlarmState.ALARM), changed.stream().map(AlarmTransition::current).toList());
        assertEquals(changed, published);
    }

    @Test
    void restoreLoadsAlarmsAndHistoryWithoutPublishingOrWriting() {
        store.put(SCOPE, "latency", Alarms.definition(1, 1, "notBreaching"), Map.of("team", "net"), CREATED);
        store.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.empty(), CREATED.plusSeconds(5));
        List<MetricAlarm> alarms = store.describe(SCOPE, alarm -> true);
        List<AlarmHistoryItem> history = store.history(SCOPE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CREATED);
        List<List<AlarmChange>> written = new ArrayList<>();
        List<AlarmTransition> restoredPublished = new ArrayList<>();
        AlarmStore restored = new AlarmStore(metrics, restoredPublished::add, written::add);
        restored.restore(alarms, history);
        assertEquals(alarms, restored.describe(SCOPE, alarm -> true));
        assertEquals(history, restored.history(SCOPE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), CREATED));
        assertTrue(written.isEmpty());
        assertTrue(restoredPublished.isEmpty());
    }
}
