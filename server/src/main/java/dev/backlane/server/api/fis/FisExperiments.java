package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static dev.backlane.server.api.fis.FisAnswers.notFound;
import static dev.backlane.server.api.fis.FisAnswers.page;
import static dev.backlane.server.api.fis.FisAnswers.state;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.FisExperimentTemplate;
import dev.backlane.core.model.NetworkAclSwap;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * FIS experiments: started from a template (once per client token), their actions carried out as faults
 * ({@link FisActions}), read, listed and stopped. An experiment is kept in the world (and so the store) as a
 * {@link FisExperiment} with its actions' times; its state and each action's are read from the clock against them.
 */
final class FisExperiments {
    /** Where an experiment that failed as it initiated keeps why: {@code reason}, and FIS's error {@code code} and {@code location} if any. */
    static final String FAILURE = "backlane:failure";

    private final FisActions actions;
    private final FisInstanceActions instanceActions;
    private final FisNetworkActions networkActions;
    private final FisActionEnds endings;
    private final FisStopConditions.InAlarm inAlarm;
    private final FisExperimentLogs logs;

    /** {@code inAlarm} tells which of an experiment's stop conditions is in ALARM when it starts; {@code logs} writes its log. */
    FisExperiments(FisActions actions, FisInstanceActions instanceActions, FisNetworkActions networkActions, FisActionEnds endings,
            FisStopConditions.InAlarm inAlarm, FisExperimentLogs logs) {
        this.actions = requireNonNull(actions, "actions is null");
        this.instanceActions = requireNonNull(instanceActions, "instanceActions is null");
        this.networkActions = requireNonNull(networkActions, "networkActions is null");
        this.endings = requireNonNull(endings, "endings is null");
        this.inAlarm = requireNonNull(inAlarm, "inAlarm is null");
        this.logs = requireNonNull(logs, "logs is null");
    }

    /** Synchronized so that two starts with one client token make one experiment. */
    synchronized Map<String, Object> start(Call call) {
        String token = Optional.ofNullable(call.input().string("clientToken")).orElse("");
        Optional<FisExperiment> started = token.isEmpty() ? Optional.empty()
                : call.read().all(ResourceTypes.FIS_EXPERIMENT).stream().filter(experiment -> experiment.clientToken().equals(token)).findFirst();
        if (started.isPresent()) {
            return Output.of("experiment", tree(call.scope(), started.get(), call.now()));
        }
        FisExperimentTemplate template = FisTemplates.template(call.read(), call.input().string("experimentTemplateId"));
        Instant now = call.now();
        Map<String, Object> resolvedTargets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> target : castMap(template.members().get("targets")).entrySet()) {
            Map<String, Object> resolved = new LinkedHashMap<>(castMap(target.getValue()));
            resolved.put("resourceArns", FisTargets.resolve(target.getKey(), new Input(resolved), call.read(), call.scope(), now));
            resolvedTargets.put(target.getKey(), resolved);
        }
        Map<String, Object> members = members(call, template, resolvedTargets);
        Map<String, String> tags = new TreeMap<>();
        (call.input().has("tags") ? call.input().map("tags") : Map.<String, Object>of()).forEach((key, value) -> tags.put(key, String.valueOf(value)));
        Optional<Map<String, Object>> failure = inAlarm.first(call.scope(), template.members().get("stopConditions"))
                // FIS checks the stop conditions as the experiment initiates: one already in ALARM fails it before any action runs.
                .map(alarm -> Map.<String, Object>of("reason", String.format(FisStopConditions.FAILED_IN_ALARM, alarm)))
                .or(() -> logs.missingGroup(template.members().get("logConfiguration")).map(group -> Map.of(
                        "reason", String.format(FisExperimentLogs.NO_LOG_GROUP, group), "code", "ConfigurationFailure", "location", "logConfiguration")));
        if (failure.isPresent()) {
            members.put(FAILURE, failure.get());
            Map<String, Instant> never = new LinkedHashMap<>();
            castMap(template.members().get("actions")).keySet().forEach(name -> never.put(name, now));
            FisExperiment failed = new FisExperiment(FisAnswers.newId("EXP"), token, members, now, never, never, List.of(), now, new TreeMap<>(tags),
                    List.of(), List.of());
            Map<String, Object> answered = call.write(transaction -> {
                transaction.put(ResourceTypes.FIS_EXPERIMENT, failed);
                Map<String, Object> answer = tree(transaction.scope(), failed, now);
                answer.put("state", state("initiating", "Experiment is initiating."));
                return Output.of("experiment", answer);
            });
            logs.started(call.scope(), failed.id());
            return answered;
        }
        List<String> faultIds = new ArrayList<>();
        Map<String, Instant> actionStarts = new LinkedHashMap<>();
        Map<String, Instant> actionEnds = new LinkedHashMap<>();
        try {
            Map<String, Instant> starts = FisActionOrder.startTimes(castMap(template.members().get("actions")), now);
            for (Map.Entry<String, Object> entry : castMap(template.members().get("actions")).entrySet()) {
                Input action = new Input(castMap(entry.getValue()));
                Duration duration = FisInstanceActions.duration(action.string("actionId"), castMap(action.values().get("parameters")));
                Instant start = starts.get(entry.getKey());
                actionStarts.put(entry.getKey(), start);
                actionEnds.put(entry.getKey(), start.plus(duration));
                faultIds.addAll(actions.carryOut(call, entry.getKey(), action, resolvedTargets, start, duration));
            }
            String id = FisAnswers.newId("EXP");
            Map<String, Object> answered = call.write(transaction -> {
                List<NetworkAclSwap> swaps = new ArrayList<>();
                for (Map.Entry<String, Object> action : castMap(template.members().get("actions")).entrySet()) {
                    instanceActions.carryOut(transaction, new Input(castMap(action.getValue())), resolvedTargets);
                    swaps.addAll(networkActions.carryOut(transaction, action.getKey(), new Input(castMap(action.getValue())), resolvedTargets));
                }
                FisExperiment experiment = new FisExperiment(id, token, members, now, actionStarts, actionEnds, faultIds, null, new TreeMap<>(tags),
                        List.of(), swaps);
                transaction.put(ResourceTypes.FIS_EXPERIMENT, experiment);
                Map<String, Object> answer = tree(transaction.scope(), experiment, now);
                // AWS answers the start while the experiment initiates; its actions have been carried out by the time it is read again.
                answer.put("state", state("initiating", "Experiment is initiating."));
                return Output.of("experiment", answer);
            });
            endings.schedule(call.scope(), experiment(call.read(), id));
            logs.started(call.scope(), id);
            return answered;
        } catch (RuntimeException refused) {
            actions.end(faultIds);
            throw refused;
        }
    }

    /** The members an experiment takes from its template, with its targets as resolved. */
    private static Map<String, Object> members(Call call, FisExperimentTemplate template, Map<String, Object> resolvedTargets) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("experimentTemplateId", template.id());
        members.put("roleArn", template.members().get("roleArn"));
        members.put("targets", resolvedTargets);
        members.put("actions", template.members().get("actions"));
        members.put("stopConditions", template.members().get("stopConditions"));
        if (template.members().containsKey("logConfiguration")) {
            members.put("logConfiguration", template.members().get("logConfiguration"));
        }
        members.put("experimentOptions", Map.of("accountTargeting", "single-account", "emptyTargetResolutionMode", "fail", "actionsMode", "run-all"));
        return members;
    }

    Map<String, Object> get(Call call) {
        return Output.of("experiment", tree(call.scope(), experiment(call.read(), call.input().string("id")), call.now()));
    }

    synchronized Map<String, Object> stop(Call call) {
        String id = call.input().string("id");
        FisExperiment experiment = experiment(call.read(), id);
        Instant now = call.now();
        if (experiment.stoppedAt() != null || !now.isBefore(experiment.endTime())) {
            logs.deliver(call.scope(), id);
            return Output.of("experiment", tree(call.scope(), experiment, now));
        }
        Map<String, Object> answer = call.write(transaction -> {
            // What the actions owe at their end (instances started again, subnets' own ACLs) is done at once.
            FisExperiment stopped = endings.undoEnded(transaction, experiment.stopped(now), now);
            transaction.put(ResourceTypes.FIS_EXPERIMENT, stopped);
            Map<String, Object> tree = tree(transaction.scope(), stopped, now);
            tree.put("state", state("stopping", "Stopping Experiment."));
            return Output.of("experiment", tree);
        });
        actions.end(experiment.faultIds());
        logs.deliver(call.scope(), id);
        return answer;
    }

    Map<String, Object> list(Call call) {
        String templateId = call.input().string("experimentTemplateId");
        List<Object> summaries = new ArrayList<>();
        for (FisExperiment experiment : call.read().all(ResourceTypes.FIS_EXPERIMENT).stream()
                .sorted(Comparator.comparing(FisExperiment::startTime)).toList()) {
            if (templateId == null || templateId.equals(experiment.members().get("experimentTemplateId"))) {
                Map<String, Object> tree = tree(call.scope(), experiment, call.now());
                Map<String, Object> summary = new LinkedHashMap<>();
                for (String member : List.of("id", "arn", "experimentTemplateId", "state", "creationTime", "tags", "experimentOptions")) {
                    summary.put(member, tree.get(member));
                }
                summaries.add(summary);
            }
        }
        return page(call, "experiments", summaries);
    }

    static FisExperiment experiment(ScopeState state, String id) {
        return state.find(ResourceTypes.FIS_EXPERIMENT, String.valueOf(id)).orElseThrow(() -> notFound("Experiment not found."));
    }

    /** The experiment as read now: its state, and each action's, from the clock (pending, running, ended or stopped). */
    static Map<String, Object> tree(Scope scope, FisExperiment experiment, Instant now) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", experiment.id());
        tree.put("arn", experiment.arn(scope));
        tree.putAll(experiment.members());
        // Backlane's own members (why it stopped or failed, which log records are written) are not FIS's.
        tree.keySet().removeIf(member -> member.startsWith("backlane:"));
        Map<String, Object> failure = experiment.members().containsKey(FAILURE) ? castMap(experiment.members().get(FAILURE)) : null;
        Map<String, Object> actionTrees = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : castMap(experiment.members().get("actions")).entrySet()) {
            Map<String, Object> action = new LinkedHashMap<>(castMap(entry.getValue()));
            Instant actionStart = experiment.actionStarts().get(entry.getKey());
            Instant actionEnd = experiment.actionEnds().get(entry.getKey());
            Instant stoppedAt = experiment.stoppedAt();
            if (failure != null) {
                action.put("state", state("cancelled", "Experiment failed before the action started."));
            } else if (stoppedAt != null && !stoppedAt.isAfter(actionStart)) {
                action.put("state", state("cancelled", "Experiment was stopped before the action started."));
            } else if (stoppedAt != null && stoppedAt.isBefore(actionEnd)) {
                action.put("startTime", actionStart);
                action.put("state", state("stopped", "Action was stopped."));
                action.put("endTime", stoppedAt);
            } else if (now.isBefore(actionStart)) {
                action.put("state", state("pending", "Initial state."));
            } else if (!now.isBefore(actionEnd)) {
                action.put("startTime", actionStart);
                action.put("state", state("completed", "Action was completed."));
                action.put("endTime", actionEnd);
            } else {
                action.put("startTime", actionStart);
                action.put("state", state("running", "Action is running."));
            }
            actionTrees.put(entry.getKey(), action);
        }
        tree.put("actions", actionTrees);
        tree.put("creationTime", experiment.startTime());
        tree.put("startTime", experiment.startTime());
        tree.put("tags", experiment.tags());
        if (failure != null) {
            Map<String, Object> failed = new LinkedHashMap<>(state("failed", String.valueOf(failure.get("reason"))));
            if (failure.containsKey("code")) {
                failed.put("error", Map.of("accountId", scope.account(), "code", failure.get("code"), "location", failure.get("location")));
            }
            tree.put("state", failed);
            tree.put("endTime", experiment.stoppedAt());
        } else if (experiment.stoppedAt() != null) {
            tree.put("state", state("stopped", String.valueOf(experiment.members().getOrDefault(FisStopConditions.STOP_REASON, "Experiment stopped."))));
            tree.put("endTime", experiment.stoppedAt());
        } else if (!now.isBefore(experiment.endTime())) {
            tree.put("state", state("completed", "Experiment completed."));
            tree.put("endTime", experiment.endTime());
        } else {
            tree.put("state", state("running", "Experiment is running."));
        }
        return tree;
    }
}
