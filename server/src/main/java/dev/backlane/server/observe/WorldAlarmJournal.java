package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.backlane.core.alarm.AlarmChange;
import dev.backlane.core.alarm.AlarmHistoryItem;
import dev.backlane.core.alarm.AlarmJournal;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.alarm.MetricAlarm;
import dev.backlane.core.model.AlarmHistoryRecord;
import dev.backlane.core.model.AlarmRecord;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.store.ResourceCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch alarms and their history kept in the cloud's world as {@link AlarmRecord}s and {@link AlarmHistoryRecord}s,
 * and so in its store: each alarm under its name in its account and region, each history item under a zero-padded
 * sequence number so the items read back in the order they were recorded. Alarms and items are written member by member
 * (optional members as values or nulls), so a member added to them is kept without a change here. One call's changes
 * are one command, durable before the call answers. The alarms' lock is held while their changes are written, so the
 * lock order is the alarms', then the cloud's: a command run by the cloud must never read the alarms (FIS reads them
 * before its commands, not inside them).
 */
public final class WorldAlarmJournal implements AlarmJournal {
    private static final ObjectMapper MAPPER = ResourceCodec.newMapper().registerModule(new Jdk8Module());

    private final Cloud cloud;
    /** Per scope, the IDs of the history items kept, oldest first (guarded by this). */
    private final Map<Scope, Deque<String>> historyIds = new HashMap<>();
    /** The next history item's sequence number, over all scopes (guarded by this). */
    private long nextItem = 1;

    public WorldAlarmJournal(Cloud cloud) {
        this.cloud = requireNonNull(cloud, "cloud is null");
    }

    @Override
    public synchronized void write(List<AlarmChange> changes) {
        Scope scope = changes.get(0).scope();
        Deque<String> idsBefore = historyIds.getOrDefault(scope, new ArrayDeque<>());
        long nextBefore = nextItem;
        // The command works on copies: it is the store that decides whether it happened, and only then are they kept.
        Written written = cloud.write(scope, transaction -> {
            Deque<String> ids = new ArrayDeque<>(idsBefore);
            long next = nextBefore;
            for (AlarmChange change : changes) {
                if (!change.scope().equals(scope)) {
                    throw new IllegalArgumentException("one write per scope: " + change.scope() + " is not " + scope);
                }
                if (change instanceof AlarmChange.Saved saved) {
                    transaction.put(ResourceTypes.ALARM, new AlarmRecord(saved.alarm().name(), members(saved.alarm())));
                } else if (change instanceof AlarmChange.Deleted deleted) {
                    transaction.remove(ResourceTypes.ALARM, deleted.name());
                } else if (change instanceof AlarmChange.Recorded recorded) {
                    String id = String.format("%019d", next++);
                    transaction.put(ResourceTypes.ALARM_HISTORY, new AlarmHistoryRecord(id, members(recorded.item())));
                    ids.addLast(id);
                } else if (change instanceof AlarmChange.Dropped dropped) {
                    for (int i = 0; i < dropped.count() && !ids.isEmpty(); i++) {
                        transaction.remove(ResourceTypes.ALARM_HISTORY, ids.removeFirst());
                    }
                }
            }
            return new Written(ids, next);
        });
        historyIds.put(scope, written.ids());
        nextItem = written.next();
    }

    private record Written(Deque<String> ids, long next) {}

    /**
     * Loads into {@code alarms} what the world keeps, replacing what they held: on start, and after the world is replaced.
     */
    public void restoreInto(AlarmStore alarms) {
        // The alarms' lock first, as when they write here.
        synchronized (alarms) {
            load(alarms);
        }
    }

    private synchronized void load(AlarmStore alarms) {
        World world = cloud.snapshot();
        List<MetricAlarm> loaded = new ArrayList<>();
        List<AlarmHistoryItem> history = new ArrayList<>();
        historyIds.clear();
        nextItem = 1;
        for (Scope scope : world.scopes()) {
            for (AlarmRecord record : world.all(scope, ResourceTypes.ALARM)) {
                loaded.add(MAPPER.convertValue(record.alarm(), MetricAlarm.class));
            }
            Deque<String> ids = new ArrayDeque<>();
            List<AlarmHistoryRecord> items = world.all(scope, ResourceTypes.ALARM_HISTORY).stream()
                    .sorted(Comparator.comparing(AlarmHistoryRecord::id)).toList();
            for (AlarmHistoryRecord record : items) {
                history.add(MAPPER.convertValue(record.item(), AlarmHistoryItem.class));
                ids.addLast(record.id());
                nextItem = Math.max(nextItem, Long.parseLong(record.id()) + 1);
            }
            if (!ids.isEmpty()) {
                historyIds.put(scope, ids);
            }
        }
        alarms.restore(loaded, history);
    }

    /**
     * Replaces the world (reset, import) and then the alarms with what the new world keeps, holding the alarms' lock
     * throughout so no evaluation writes the old alarms into the new world. A store that refuses the replacement leaves
     * the alarms as they were.
     */
    public void replaceWorld(World replacement, AlarmStore alarms) {
        synchronized (alarms) {
            cloud.replace(replacement);
            load(alarms);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> members(Object value) {
        return MAPPER.convertValue(value, Map.class);
    }
}
