package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.notFound;
import static dev.backlane.server.api.fis.FisAnswers.page;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.network.ConnectivityDisruptionCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.model.FisExperimentTemplate;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.fault.Faults;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * AWS Fault Injection Service (REST-JSON): experiment templates ({@link FisTemplates}), experiments that carry out their
 * actions through the server's {@link Faults} ({@link FisExperiments}, {@link FisActions}) and write their logs to
 * CloudWatch Logs ({@link FisExperimentLogs}), tags, and the catalogue of
 * the actions Backlane carries out ({@link FisCatalogue}). Templates and experiments are kept in the world, and so
 * survive a restart on the same store, as the faults they made do.
 */
public final class FisOperations implements OperationFamily, AutoCloseable {
    private static final String SERVICE = "fis";

    private final FisCatalogue catalogue = new FisCatalogue();
    private final FisTemplates templates;
    private final FisExperiments experiments;

    private final FisActionEnds endings;
    private final FisExperimentLogs logs;
    private final Faults faults;
    private final Cloud cloud;

    /**
     * FIS over the server's faults; stop conditions name alarms of {@code alarms} ({@link FisStopConditions} stops the
     * experiments when they go to ALARM); the EC2 actions act on the cloud's instances with the commands over the quotas;
     * {@code workloadInterfaces} gives a placed workload's network interface, for actions scoped to a workload.
     */
    public FisOperations(Faults faults, AlarmStore alarms, Cloud cloud, Quotas quotas, Function<String, Optional<String>> workloadInterfaces) {
        this.templates = new FisTemplates(new FisTemplateCheck(catalogue, requireNonNull(alarms, "alarms is null")));
        this.faults = requireNonNull(faults, "faults is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        FisInstanceActions instanceActions = new FisInstanceActions(InstanceCommands.standard(quotas));
        FisNetworkActions networkActions = new FisNetworkActions(new ConnectivityDisruptionCommands(quotas,
                new PrefixListLookup(AwsPrefixListCatalog.standard())));
        this.endings = new FisActionEnds(cloud, instanceActions, networkActions);
        this.logs = new FisExperimentLogs(cloud);
        this.experiments = new FisExperiments(new FisActions(faults, workloadInterfaces), instanceActions, networkActions, endings, FisStopConditions.InAlarm.of(alarms),
                logs);
    }

    /**
     * The stop conditions of these experiments: subscribed to the alarms' transitions, they stop them, do what their
     * actions owe at their end and write their logs' end.
     */
    public FisStopConditions stopConditions() {
        return new FisStopConditions(cloud, faults, endings, logs::deliver);
    }

    /**
     * Takes up what experiments made before a restart still owe: the start of instances they stopped for a while, the
     * network ACLs of subnets they disrupted, their logs.
     */
    public void resume() {
        endings.resume();
        logs.resume();
    }

    @Override
    public void close() {
        endings.close();
        logs.close();
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateExperimentTemplate", templates::create);
        registry.add(SERVICE, "GetExperimentTemplate", templates::get);
        registry.add(SERVICE, "ListExperimentTemplates", templates::list);
        registry.add(SERVICE, "UpdateExperimentTemplate", templates::update);
        registry.add(SERVICE, "DeleteExperimentTemplate", templates::delete);
        registry.add(SERVICE, "StartExperiment", experiments::start);
        registry.add(SERVICE, "GetExperiment", experiments::get);
        registry.add(SERVICE, "ListExperiments", experiments::list);
        registry.add(SERVICE, "StopExperiment", experiments::stop);
        registry.add(SERVICE, "TagResource", call -> retag(call, tags -> {
            call.input().map("tags").forEach((key, value) -> tags.put(key, String.valueOf(value)));
            return tags;
        }));
        registry.add(SERVICE, "UntagResource", call -> retag(call, tags -> {
            if (call.input().has("tagKeys")) {
                call.input().strings("tagKeys").forEach(tags::remove);
            }
            return tags;
        }));
        registry.add(SERVICE, "ListTagsForResource", call -> Output.of("tags", tagsOf(call.read(), call.scope(), call.input().string("resourceArn"))));
        registry.add(SERVICE, "ListActions", call -> page(call, "actions", catalogue.actions().stream().map(FisOperations::actionSummary).toList()));
        registry.add(SERVICE, "GetAction", this::action);
        registry.add(SERVICE, "ListTargetResourceTypes", call -> page(call, "targetResourceTypes", catalogue.targetTypes().stream()
                .map(type -> Map.<String, Object>of("resourceType", type.get("resourceType"), "description", type.get("description"))).toList()));
        registry.add(SERVICE, "GetTargetResourceType", call -> Output.of("targetResourceType",
                catalogue.targetType(call.input().string("resourceType")).orElseThrow(() -> notFound("Target resource type not found"))));
    }

    /** Replaces the tags of the template or experiment the ARN names with what {@code change} makes of them. */
    private static Map<String, Object> retag(Call call, Function<SortedMap<String, String>, SortedMap<String, String>> change) {
        String arn = call.input().string("resourceArn");
        return call.write(transaction -> {
            SortedMap<String, String> tags = change.apply(new TreeMap<>(tagsOf(transaction.state(), transaction.scope(), arn)));
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            if (arn.contains(":experiment-template/")) {
                put(transaction, FisTemplates.template(transaction.state(), id).withTags(tags));
            } else {
                put(transaction, FisExperiments.experiment(transaction.state(), id).withTags(tags));
            }
            return Output.empty();
        });
    }

    private static void put(Transaction transaction, FisExperimentTemplate template) {
        transaction.put(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, template);
    }

    private static void put(Transaction transaction, FisExperiment experiment) {
        transaction.put(ResourceTypes.FIS_EXPERIMENT, experiment);
    }

    private static SortedMap<String, String> tagsOf(ScopeState state, Scope scope, String arn) {
        String prefix = "arn:aws:fis:" + scope.region() + ":" + scope.account() + ":";
        if (arn != null && arn.startsWith(prefix + "experiment-template/")) {
            var template = state.find(ResourceTypes.FIS_EXPERIMENT_TEMPLATE, arn.substring((prefix + "experiment-template/").length()));
            if (template.isPresent()) {
                return template.get().tags();
            }
        } else if (arn != null && arn.startsWith(prefix + "experiment/")) {
            var experiment = state.find(ResourceTypes.FIS_EXPERIMENT, arn.substring((prefix + "experiment/").length()));
            if (experiment.isPresent()) {
                return experiment.get().tags();
            }
        }
        throw notFound("Resource not found: %s", arn);
    }

    private Map<String, Object> action(Call call) {
        String id = call.input().string("id");
        Map<String, Object> action = new LinkedHashMap<>(catalogue.action(id).orElseThrow(() -> notFound("Action not found.")));
        action.put("arn", "arn:aws:fis:" + call.scope().region() + ":" + call.scope().account() + ":action/" + id);
        return Output.of("action", action);
    }

    private static Map<String, Object> actionSummary(Map<String, Object> action) {
        Map<String, Object> summary = new LinkedHashMap<>(action);
        summary.remove("parameters");
        return summary;
    }
}
