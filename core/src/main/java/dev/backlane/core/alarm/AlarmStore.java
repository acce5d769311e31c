package dev.backlane.core.alarm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * CloudWatch's metric alarms, per account and region, in memory: their definitions and states, their history (kept
 * 30 days, also after an alarm is deleted, at most {@link #MAX_HISTORY} items per account and region) and their
 * evaluation over the {@link MetricStore} ({@link AlarmEvaluator}) when they are created and then every minute (every
 * 10 seconds when high-resolution) as {@link #evaluateDue} is called. Every change of a state's value is recorded in
 * the history and given to the listener as an {@link AlarmTransition}, outside the store's lock, so the listener
 * may read the store (the server publishes them as {@code AlarmStateChangedEvent}s). Each call's changes are written
 * to the {@link AlarmJournal} before it returns, one write per scope; a write that fails takes the call's changes back
 * in memory too. {@link #restore} loads what a journal kept. Time is the caller's. Thread-safe.
 */
public final class AlarmStore {
    /** Alarms per account and region: AWS sets no quota; Backlane bounds its memory. */
    static final int MAX_ALARMS = 10_000;
    static final int MAX_HISTORY = 10_000;
    static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricStore metrics;
    private final Consumer<AlarmTransition> listener;
    private final AlarmJournal journal;
    private final AlarmEvaluator evaluator = new AlarmEvaluator();
    private final Map<Scope, TreeMap<String, MetricAlarm>> scopes = new HashMap<>();
    private final Map<Scope, Deque<AlarmHistoryItem>> histories = new HashMap<>();
    /** The changes of the call under way, for the journal (guarded by this). */
    private final List<AlarmChange> pending = new ArrayList<>();

    /** Alarms kept in memory only. */
    public AlarmStore(MetricStore metrics, Consumer<AlarmTransition> listener) {
        this(metrics, listener, AlarmJournal.none());
    }

    public AlarmStore(MetricStore metrics, Consumer<AlarmTransition> listener, AlarmJournal journal) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.journal = requireNonNull(journal, "journal is null");
    }

    /** DescribeAlarms' filters; an empty one matches every alarm. */
    public record Filter(List<String> names, Optional<String> namePrefix, Optional<AlarmState> state, Optional<String> actionPrefix) {
        public Filter {
            names = List.copyOf(names);
            requireNonNull(namePrefix, "namePrefix is null");
            requireNonNull(state, "state is null");
            requireNonNull(actionPrefix, "actionPrefix is null");
        }

        boolean matches(MetricAlarm alarm) {
            AlarmDefinition definition = alarm.definition();
            return (names.isEmpty() || names.contains(alarm.name()))
                    && namePrefix.map(alarm.name()::startsWith).orElse(true)
                    && state.map(alarm.status().value()::equals).orElse(true)
                    && actionPrefix.map(prefix -> definition.alarmActions().stream().anyMatch(action -> action.startsWith(prefix))
                            || definition.okActions().stream().anyMatch(action -> action.startsWith(prefix))
                            || definition.insufficientDataActions().stream().anyMatch(action -> action.startsWith(prefix))).orElse(true);
        }
    }

    /**
     * Creates the alarm, or replaces the definition of the one of that name (its state and tags stay, as on AWS; tags
     * given with an update are ignored), then evaluates it.
     */
    public MetricAlarm put(Scope scope, String name, AlarmDefinition definition, Map<String, String> tags, Instant now) {
        List<AlarmTransition> changed = new ArrayList<>();
        MetricAlarm result;
        synchronized (this) {
            result = journaled(scope, changed, () -> create(scope, name, definition, tags, now, changed));
        }
        changed.forEach(listener);
        return result;
    }

    private MetricAlarm create(Scope scope, String name, AlarmDefinition definition, Map<String, String> tags, Instant now,
            List<AlarmTransition> changed) {
        TreeMap<String, MetricAlarm> alarms = scopes.computeIfAbsent(scope, ignored -> new TreeMap<>());
        MetricAlarm existing = alarms.get(name);
        if (existing == null && alarms.size() >= MAX_ALARMS) {
            throw AwsException.of(ErrorCode.LIMIT_EXCEEDED, "The maximum number of alarms (%d) for this account and region has been reached.",
                    MAX_ALARMS);
        }
        MetricAlarm alarm = existing == null ? new MetricAlarm(scope, name, definition, AlarmStatus.initial(now), now, tags, Optional.empty())
                : existing.withDefinition(definition, now);
        // Evaluated before it is stored: an expression GetMetricData refuses refuses the alarm, with nothing changed.
        Optional<AlarmEvaluator.Outcome> first = evaluator.evaluate(alarm, metrics, now);
        String type = existing == null ? "Create" : "Update";
        record(alarm, AlarmHistoryItem.Type.CONFIGURATION_UPDATE, now, "Alarm \"" + name + "\" " + (existing == null ? "created" : "updated"),
                json(Map.of("version", "1.0", "type", type, existing == null ? "createdAlarm" : "updatedAlarm", AlarmJson.of(alarm))));
        MetricAlarm stored = alarm.evaluated(now);
        alarms.put(name, stored);
        pending.add(new AlarmChange.Saved(stored));
        return apply(stored, first, now, changed);
    }

    /** Deletes the alarms, all or none: ResourceNotFound when one of them does not exist. */
    public synchronized void delete(Scope scope, List<String> names, Instant now) {
        Map<String, MetricAlarm> alarms = scopes.getOrDefault(scope, new TreeMap<>());
        for (String name : names) {
            if (!alarms.containsKey(name)) {
                throw notFound(name);
            }
        }
        journaled(scope, new ArrayList<>(), () -> {
            for (String name : names) {
                MetricAlarm alarm = alarms.remove(name);
                if (alarm != null) {
                    pending.add(new AlarmChange.Deleted(scope, name));
                    record(alarm, AlarmHistoryItem.Type.CONFIGURATION_UPDATE, now, "Alarm \"" + name + "\" deleted",
                            json(Map.of("version", "1.0", "type", "Delete", "deletedAlarm", AlarmJson.of(alarm))));
                }
            }
            return null;
        });
    }

    /**
     * Forgets every alarm and all history, in every account and region (Backlane's reset): nothing is recorded, as
     * the history itself is gone, and no transition is given to the listener.
     */
    public synchronized void clear() {
        scopes.clear();
        histories.clear();
    }

    /**
     * Replaces every alarm and all history with what a journal kept (history oldest first), as a server does on start
     * and after its state is replaced: nothing is written back and no transition is given to the listener. The alarms
     * are evaluated at the next {@link #evaluateDue}.
     */
    public synchronized void restore(List<MetricAlarm> alarms, List<AlarmHistoryItem> history) {
        clear();
        for (MetricAlarm alarm : alarms) {
            scopes.computeIfAbsent(alarm.scope(), ignored -> new TreeMap<>()).put(alarm.name(), alarm);
        }
        for (AlarmHistoryItem item : history) {
            histories.computeIfAbsent(item.scope(), ignored -> new ArrayDeque<>()).addLast(item);
        }
    }

    /** SetAlarmState: the state until the alarm's next evaluation; the reason data must be JSON. */
    public MetricAlarm setState(Scope scope, String name, AlarmState state, String reason, Optional<String> reasonData, Instant now) {
        reasonData.ifPresent(AlarmStore::checkJson);
        List<AlarmTransition> changed = new ArrayList<>();
        MetricAlarm result;
        synchronized (this) {
            MetricAlarm alarm = find(scope, name).orElseThrow(() -> notFound(name));
            result = journaled(scope, changed, () -> transition(alarm, state, reason, reasonData, now, changed));
        }
        changed.forEach(listener);
        return result;
    }

    /** Enable/DisableAlarmActions: names of alarms that do not exist are passed over, as on AWS. */
    public synchronized void setActionsEnabled(Scope scope, List<String> names, boolean enabled, Instant now) {
        Map<String, MetricAlarm> alarms = scopes.getOrDefault(scope, new TreeMap<>());
        journaled(scope, new ArrayList<>(), () -> {
            for (String name : names) {
                MetricAlarm alarm = alarms.get(name);
                if (alarm != null && alarm.definition().actionsEnabled() != enabled) {
                    save(alarm.withDefinition(alarm.definition().withActionsEnabled(enabled), now));
                }
            }
            return null;
        });
    }

    public synchronized Optional<MetricAlarm> find(Scope scope, String name) {
        return Optional.ofNullable(scopes.getOrDefault(scope, new TreeMap<>()).get(name));
    }

    /** The alarm an ARN names, in the scope the ARN gives. */
    public synchronized Optional<MetricAlarm> findByArn(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[2].equals("cloudwatch") || !parts[5].equals("alarm")) {
            return Optional.empty();
        }
        return find(new Scope(parts[4], parts[3]), parts[6]).filter(alarm -> alarm.arn().equals(arn));
    }

    /** The scope's alarms that match, by name. */
    public synchronized List<MetricAlarm> describe(Scope scope, Filter filter) {
        return scopes.getOrDefault(scope, new TreeMap<>()).values().stream().filter(filter::matches).toList();
    }

    /** The scope's alarms that pass the test, by name (DescribeAlarmsForMetric). */
    public synchronized List<MetricAlarm> describe(Scope scope, Predicate<MetricAlarm> test) {
        return scopes.getOrDefault(scope, new TreeMap<>()).values().stream().filter(test).toList();
    }

    /** The scope's history, oldest first, of the alarm if one is named, of the type if one is given, in [start, end]. */
    public synchronized List<AlarmHistoryItem> history(Scope scope, Optional<String> name, Optional<AlarmHistoryItem.Type> type, Optional<Instant> start,
            Optional<Instant> end, Instant now) {
        Instant oldest = now.minus(HISTORY_RETENTION);
        // Items past the retention are dropped when the next one is recorded: a read writes nothing.
        return histories.getOrDefault(scope, new ArrayDeque<>()).stream()
                .filter(item -> !item.timestamp().isBefore(oldest))
                .filter(item -> name.map(item.alarmName()::equals).orElse(true))
                .filter(item -> type.map(item.type()::equals).orElse(true))
                .filter(item -> start.map(at -> !item.timestamp().isBefore(at)).orElse(true))
                .filter(item -> end.map(at -> !item.timestamp().isAfter(at)).orElse(true))
                .toList();
    }

    /** Replaces the alarm's tags (TagResource, UntagResource). */
    public synchronized MetricAlarm retag(MetricAlarm alarm, Map<String, String> tags) {
        MetricAlarm current = find(alarm.scope(), alarm.name()).orElseThrow(() -> notFound(alarm.name()));
        return journaled(alarm.scope(), new ArrayList<>(), () -> save(current.withTags(tags)));
    }

    /** Evaluates every alarm whose time has come: once in each minute, or each 10 seconds when high-resolution. Returns the transitions. */
    public List<AlarmTransition> evaluateDue(Instant now) {
        List<AlarmTransition> changed = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Scope, TreeMap<String, MetricAlarm>> entry : List.copyOf(scopes.entrySet())) {
                TreeMap<String, MetricAlarm> alarms = entry.getValue();
                List<MetricAlarm> due = alarms.values().stream().filter(alarm -> isDue(alarm, now)).toList();
                if (due.isEmpty()) {
                    continue;
                }
                try {
                    journaled(entry.getKey(), changed, () -> {
                        for (MetricAlarm alarm : due) {
                            try {
                                evaluate(alarm, now, changed);
                            } catch (AwsException failed) {
                                // Its expression failed on this data (checked when put, so rare): it keeps its state, the others go on.
                                alarms.put(alarm.name(), alarm.evaluated(now));
                            }
                        }
                        return null;
                    });
                } catch (RuntimeException notKept) {
                    // The journal could not keep this scope's transitions: they are taken back and tried again at the next tick.
                }
            }
        }
        changed.forEach(listener);
        return changed;
    }

    private static boolean isDue(MetricAlarm alarm, Instant now) {
        long cadence = AlarmEvaluator.cadenceSeconds(alarm.definition());
        return alarm.evaluatedAt().map(last -> Math.floorDiv(now.getEpochSecond(), cadence) > Math.floorDiv(last.getEpochSecond(), cadence))
                .orElse(true);
    }

    /**
     * Runs a change to the scope's alarms (holding this), then writes its changes to the journal; if anything fails,
     * the scope's alarms, history and the call's transitions are as they were before.
     */
    private <R> R journaled(Scope scope, List<AlarmTransition> changed, Supplier<R> change) {
        TreeMap<String, MetricAlarm> alarmsBefore = scopes.containsKey(scope) ? new TreeMap<>(scopes.get(scope)) : null;
        Deque<AlarmHistoryItem> historyBefore = histories.containsKey(scope) ? new ArrayDeque<>(histories.get(scope)) : null;
        int transitionsBefore = changed.size();
        pending.clear();
        try {
            R result = change.get();
            if (!pending.isEmpty()) {
                journal.write(List.copyOf(pending));
            }
            return result;
        } catch (RuntimeException e) {
            putBack(scopes, scope, alarmsBefore);
            putBack(histories, scope, historyBefore);
            changed.subList(transitionsBefore, changed.size()).clear();
            throw e;
        } finally {
            pending.clear();
        }
    }

    private static <V> void putBack(Map<Scope, V> map, Scope scope, V before) {
        if (before == null) {
            map.remove(scope);
        } else {
            map.put(scope, before);
        }
    }

    private MetricAlarm save(MetricAlarm alarm) {
        scopes.get(alarm.scope()).put(alarm.name(), alarm);
        pending.add(new AlarmChange.Saved(alarm));
        return alarm;
    }

    private MetricAlarm evaluate(MetricAlarm alarm, Instant now, List<AlarmTransition> changed) {
        MetricAlarm evaluated = alarm.evaluated(now);
        scopes.get(alarm.scope()).put(alarm.name(), evaluated);
        return apply(evaluated, evaluator.evaluate(evaluated, metrics, now), now, changed);
    }

    private MetricAlarm apply(MetricAlarm evaluated, Optional<AlarmEvaluator.Outcome> outcome, Instant now, List<AlarmTransition> changed) {
        if (outcome.isEmpty() || outcome.get().state() == evaluated.status().value()) {
            // Only a change of state is recorded: an alarm that stays in its state keeps its reason, as on AWS.
            return evaluated;
        }
        return transition(evaluated, outcome.get().state(), outcome.get().reason(), Optional.of(outcome.get().reasonData()), now, changed);
    }

    private MetricAlarm transition(MetricAlarm alarm, AlarmState state, String reason, Optional<String> reasonData, Instant now,
            List<AlarmTransition> changed) {
        AlarmStatus before = alarm.status();
        MetricAlarm next = save(alarm.withStatus(before.next(state, reason, reasonData, now)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", "1.0");
        data.put("oldState", stateJson(before));
        data.put("newState", stateJson(next.status()));
        record(next, AlarmHistoryItem.Type.STATE_UPDATE, now, "Alarm updated from " + before.value() + " to " + state, json(data));
        if (before.value() != state) {
            changed.add(new AlarmTransition(next, before.value(), now));
        }
        return next;
    }

    private static Map<String, Object> stateJson(AlarmStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stateValue", status.value().name());
        out.put("stateReason", status.reason());
        status.reasonData().ifPresent(data -> out.put("stateReasonData", parse(data)));
        return out;
    }

    private void record(MetricAlarm alarm, AlarmHistoryItem.Type type, Instant now, String summary, String data) {
        Deque<AlarmHistoryItem> items = histories.computeIfAbsent(alarm.scope(), ignored -> new ArrayDeque<>());
        AlarmHistoryItem item = new AlarmHistoryItem(alarm.scope(), alarm.name(), type, now, summary, data);
        items.addLast(item);
        pending.add(new AlarmChange.Recorded(item));
        Instant oldest = now.minus(HISTORY_RETENTION);
        int dropped = 0;
        while (items.size() > MAX_HISTORY || items.peekFirst().timestamp().isBefore(oldest)) {
            items.removeFirst();
            dropped++;
        }
        if (dropped > 0) {
            pending.add(new AlarmChange.Dropped(alarm.scope(), dropped));
        }
    }

    private static void checkJson(String text) {
        try {
            JSON.readTree(text);
        } catch (IOException e) {
            throw AwsException.of(ErrorCode.INVALID_FORMAT, "The value of parameter StateReasonData is not valid JSON.");
        }
    }

    private static Object parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return json;
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AwsException notFound(String name) {
        return AwsException.of(ErrorCode.RESOURCE_NOT_FOUND, "Alarm %s does not exist.", name);
    }
}
