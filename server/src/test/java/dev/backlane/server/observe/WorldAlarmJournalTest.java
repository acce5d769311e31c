package dev.backlane.server.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.alarm.AlarmHistoryItem;
import dev.backlane.core.alarm.AlarmRequests;
import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.alarm.AlarmTransition;
import dev.backlane.core.alarm.MetricAlarm;
import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.MetricDatum;
import dev.backlane.core.metrics.MetricKey;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.metrics.Samples;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StoreTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Alarms kept in the world: a second {@link AlarmStore} restored from the same store (a restarted server) has what the first made. */
class WorldAlarmJournalTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Scope OTHER = new Scope("111122223333", "eu-west-1");
    private static final MetricKey KEY = new MetricKey("App", "Latency", List.of(new Dimension("Service", "a")));

    private final SteppingClock clock = new SteppingClock();
    private final MetricStore metrics = new MetricStore(10, 1_000);

    private static AlarmRequests.PutAlarmRequest request(Optional<String> treatMissingData) {
        return new AlarmRequests.PutAlarmRequest(Optional.of("latency too high"), Optional.empty(), List.of(),
                List.of("arn:aws:sns:us-east-1:000000000000:pager"), List.of(), Optional.of("App"), Optional.of("Latency"),
                List.of(new Dimension("Service", "a")), Optional.of("Maximum"), Optional.empty(), Optional.of(60), Optional.empty(),
                Optional.of(1), Optional.empty(), Optional.of(100.0), Optional.of("GreaterThanThreshold"), treatMissingData,
                Optional.empty(), List.of(), Optional.empty(), Map.of(), false);
    }

    private Cloud cloud(World initial, ChangeSink sink) {
        return new Cloud(initial, clock, IdSource.sequential(), transaction -> {}, sink);
    }

    private static List<AlarmHistoryItem> history(AlarmStore alarms, Scope scope, Instant now) {
        return alarms.history(scope, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now);
    }

    static List<StoreTarget> targets() {
        return StoreTarget.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void alarmsTheirStatesTagsAndHistorySurviveARestartOnTheSameStore(StoreTarget target) {
        target.prepare();
        List<MetricAlarm> before;
        List<AlarmHistoryItem> historyBefore;
        List<AlarmHistoryItem> otherHistoryBefore;
        try (SqlStore store = target.open()) {
            Cloud cloud = cloud(store.load(), store);
            WorldAlarmJournal journal = new WorldAlarmJournal(cloud);
            AlarmStore alarms = new AlarmStore(metrics, transition -> { }, journal);
            journal.restoreInto(alarms);
            Instant now = clock.instant();
            alarms.put(SCOPE, "latency", AlarmRequests.definition(request(Optional.of("notBreaching"))), Map.of("team", "net"), now);
            alarms.put(SCOPE, "gone", AlarmRequests.definition(request(Optional.empty())), Map.of(), now);
            alarms.put(OTHER, "errors", AlarmRequests.definition(request(Optional.of("breaching"))), Map.of(), now);
            alarms.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.of("{\"a\":1}"), now.plusSeconds(1));
            alarms.setActionsEnabled(SCOPE, List.of("latency"), false, now.plusSeconds(2));
            alarms.delete(SCOPE, List.of("gone"), now.plusSeconds(3));
            before = alarms.describe(SCOPE, alarm -> true);
            historyBefore = history(alarms, SCOPE, now);
            otherHistoryBefore = history(alarms, OTHER, now);
            assertEquals(List.of("latency"), before.stream().map(MetricAlarm::name).toList());
            assertEquals(5, historyBefore.size(), "created twice, OK, ALARM, deleted");
        }
        try (SqlStore store = target.open()) {
            Cloud cloud = cloud(store.load(), store);
            WorldAlarmJournal journal = new WorldAlarmJournal(cloud);
            List<AlarmTransition> published = new ArrayList<>();
            AlarmStore alarms = new AlarmStore(metrics, published::add, journal);
            journal.restoreInto(alarms);
            MetricAlarm latency = alarms.find(SCOPE, "latency").orElseThrow();
            assertEquals(before, List.of(latency), "definition, state with its reason data, tags and times read back equal");
            assertEquals(AlarmState.ALARM, latency.status().value());
            assertEquals(Map.of("team", "net"), latency.tags());
            assertEquals(historyBefore, history(alarms, SCOPE, clock.instant()), "the history in its order, the deleted alarm's too");
            assertEquals(otherHistoryBefore, history(alarms, OTHER, clock.instant()));
            assertTrue(published.isEmpty(), "restoring publishes no transition");
            // The restored alarm evaluates on: with no data and missing data as not breaching it goes back to OK.
            alarms.evaluateDue(clock.instant().plusSeconds(60));
            assertEquals(List.of(AlarmState.OK), published.stream().filter(t -> t.alarm().name().equals("latency")).map(AlarmTransition::current).toList());
            // New history goes after the restored items, under IDs that do not clash with theirs.
            assertEquals(historyBefore.size() + 1, history(alarms, SCOPE, clock.instant().plusSeconds(60)).size());
            // The other scope's alarm treats missing data as breaching: it stays in ALARM and records nothing.
            assertEquals(historyBefore.size() + 1, cloud.snapshot().all(SCOPE, ResourceTypes.ALARM_HISTORY).size());
            assertEquals(otherHistoryBefore.size(), cloud.snapshot().all(OTHER, ResourceTypes.ALARM_HISTORY).size());
        }
    }

    @Test
    void historyPastTheRetentionLeavesTheWorldWhenTheNextItemIsRecorded() {
        Cloud cloud = cloud(World.empty(), ChangeSink.none());
        WorldAlarmJournal journal = new WorldAlarmJournal(cloud);
        AlarmStore alarms = new AlarmStore(metrics, transition -> { }, journal);
        Instant now = clock.instant();
        alarms.put(SCOPE, "latency", AlarmRequests.definition(request(Optional.empty())), Map.of(), now);
        alarms.setState(SCOPE, "latency", AlarmState.ALARM, "testing", Optional.empty(), now);
        assertEquals(2, cloud.snapshot().all(SCOPE, ResourceTypes.ALARM_HISTORY).size());
        Instant later = now.plus(Duration.ofDays(31));
        alarms.setState(SCOPE, "latency", AlarmState.OK, "later", Optional.empty(), later);
        assertEquals(1, cloud.snapshot().all(SCOPE, ResourceTypes.ALARM_HISTORY).size());
        AlarmStore restored = new AlarmStore(metrics, transition -> { }, journal);
        journal.restoreInto(restored);
        assertEquals(history(alarms, SCOPE, later), history(restored, SCOPE, later));
    }

    @Test
    void replacingTheWorldReplacesTheAlarmsWithWhatItKeeps() {
        Cloud cloud = cloud(World.empty(), ChangeSink.none());
        WorldAlarmJournal journal = new WorldAlarmJournal(cloud);
        AlarmStore alarms = new AlarmStore(metrics, transition -> { }, journal);
        alarms.put(SCOPE, "latency", AlarmRequests.definition(request(Optional.empty())), Map.of(), clock.instant());
        World exported = cloud.snapshot();
        journal.replaceWorld(World.empty(), alarms);
        assertTrue(alarms.find(SCOPE, "latency").isEmpty());
        assertTrue(history(alarms, SCOPE, clock.instant()).isEmpty());
        journal.replaceWorld(exported, alarms);
        assertEquals(AlarmState.INSUFFICIENT_DATA, alarms.find(SCOPE, "latency").orElseThrow().status().value());
        // Data put after the alarm was restored is seen at its next evaluation.
        metrics.put(SCOPE, List.of(new MetricDatum(KEY, clock.instant().plusSeconds(10), "None", 60, Samples.of(500, 1))), clock.instant().plusSeconds(10));
        alarms.evaluateDue(clock.instant().plusSeconds(70));
        assertEquals(AlarmState.ALARM, alarms.find(SCOPE, "latency").orElseThrow().status().value());
    }
}
