package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of FIS's experiment log (schema version 2, FIS's "Experiment logging" page) an experiment has made by a
 * time: {@code experiment-start}; for each target {@code target-resolution-start}, {@code -detail} (its ARNs) and
 * {@code -end}; {@code action-start} and {@code action-end} for each action that ran, at its start and at its end or
 * when the experiment was stopped; {@code experiment-end} with the final state. Each record has a key that names it
 * once, so a deliverer writes each record exactly once however often it asks. Pure: read from the experiment's times.
 */
final class FisExperimentLog {
    static final String VERSION = "2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One log record: when it happened, the key that names it among the experiment's records, and its JSON text. */
    record Entry(Instant at, String key, String json) {}

    private FisExperimentLog() {}

    /** The records made by {@code now}, in time order. */
    static List<Entry> madeBy(Scope scope, FisExperiment experiment, Instant now) {
        List<Entry> entries = new ArrayList<>();
        Instant start = experiment.startTime();
        Map<String, Object> experimentStart = details(scope);
        experimentStart.put("experiment_template_id", experiment.members().get("experimentTemplateId"));
        experimentStart.put("experiment_start_time", time(start));
        entries.add(entry(experiment, start, "experiment-start", "experiment-start", experimentStart));
        for (Map.Entry<String, Object> target : castMap(experiment.members().get("targets")).entrySet()) {
            Map<String, Object> definition = castMap(target.getValue());
            List<?> arns = definition.get("resourceArns") instanceof List<?> list ? list : List.of();
            Map<String, Object> common = details(scope);
            common.put("target_name", target.getKey());
            common.put("target_type", definition.get("resourceType"));
            Map<String, Object> resolutionStart = new LinkedHashMap<>(common);
            resolutionStart.put("target_resolution_start_time", time(start));
            entries.add(entry(experiment, start, "target-resolution-start", "target-resolution-start:" + target.getKey(), resolutionStart));
            Map<String, Object> detail = new LinkedHashMap<>(common);
            detail.put("resolved_targets_count", arns.size());
            detail.put("resolved_targets", arns.stream().map(arn -> Map.of("arn", String.valueOf(arn))).toList());
            detail.put("page", 1);
            detail.put("total_pages", 1);
            entries.add(entry(experiment, start, "target-resolution-detail", "target-resolution-detail:" + target.getKey(), detail));
            Map<String, Object> resolutionEnd = new LinkedHashMap<>(common);
            resolutionEnd.put("target_resolution_end_time", time(start));
            resolutionEnd.put("resolved_targets_count", arns.size());
            resolutionEnd.put("status", "completed");
            entries.add(entry(experiment, start, "target-resolution-end", "target-resolution-end:" + target.getKey(), resolutionEnd));
        }
        Map<String, Object> tree = FisExperiments.tree(scope, experiment, now);
        for (Map.Entry<String, Object> action : castMap(tree.get("actions")).entrySet()) {
            actionEntries(scope, experiment, action.getKey(), castMap(action.getValue()), entries);
        }
        Map<String, Object> state = castMap(tree.get("state"));
        if (tree.get("endTime") instanceof Instant end && !end.isAfter(now)) {
            Map<String, Object> experimentEnd = details(scope);
            experimentEnd.put("experiment_end_time", time(end));
            experimentEnd.put("experiment_state", Map.of("status", state.get("status"), "reason", state.get("reason")));
            entries.add(entry(experiment, end, "experiment-end", "experiment-end", experimentEnd));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    /** An action's start once it has started, and its end once it has ended or been stopped; a cancelled action makes neither. */
    private static void actionEntries(Scope scope, FisExperiment experiment, String name, Map<String, Object> action, List<Entry> entries) {
        if (!(action.get("startTime") instanceof Instant started)) {
            return;
        }
        Map<String, Object> common = details(scope);
        common.put("action_name", name);
        common.put("action_id", action.get("actionId"));
        Map<String, Object> actionStart = new LinkedHashMap<>(common);
        actionStart.put("action_start_time", time(started));
        actionStart.put("action_targets", action.getOrDefault("targets", Map.of()));
        actionStart.put("parameters", action.getOrDefault("parameters", Map.of()));
        entries.add(entry(experiment, started, "action-start", "action-start:" + name, actionStart));
        if (action.get("endTime") instanceof Instant ended) {
            Map<String, Object> state = castMap(action.get("state"));
            Map<String, Object> actionEnd = new LinkedHashMap<>(common);
            actionEnd.put("action_end_time", time(ended));
            actionEnd.put("action_state", Map.of("status", state.get("status"), "reason", state.get("reason")));
            entries.add(entry(experiment, ended, "action-end", "action-end:" + name, actionEnd));
        }
    }

    private static Map<String, Object> details(Scope scope) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("account_id", scope.account());
        return details;
    }

    private static Entry entry(FisExperiment experiment, Instant at, String logType, String key, Map<String, Object> details) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", experiment.id());
        record.put("log_type", logType);
        record.put("event_timestamp", time(at));
        record.put("version", VERSION);
        record.put("details", details);
        try {
            return new Entry(at, key, JSON.writeValueAsString(record));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("an experiment log record of plain values could not be written", impossible);
        }
    }

    /** FIS's time format in the log: {@code yyyy-mm-ddThh:mm:ssZ}. */
    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
