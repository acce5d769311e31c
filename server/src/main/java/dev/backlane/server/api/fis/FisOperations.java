package dev.backlane.server.api.fis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.model.Scope;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.fault.Faults;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * AWS Fault Injection Service (REST-JSON): experiment templates, experiments that carry out their actions through the
 * server's {@link Faults} for each action's {@code duration}, tags, and the catalogue of the actions Backlane carries
 * out. {@code aws:fis:inject-api-throttle-error} becomes an F7 fault for each target role (the principal the workloads
 * call as), on the action's service and operations at its percentage; {@code aws:fis:wait} makes nothing. Templates and
 * experiments live in the server's memory, as faults do: a restart forgets them.
 */
public final class FisOperations implements OperationFamily {
    private static final String SERVICE = "fis";
    private static final Pattern SELECTION_MODE = Pattern.compile("ALL|COUNT\\((\\d+)\\)|PERCENT\\((\\d+)\\)");
    private static final Duration MIN_DURATION = Duration.ofMinutes(1);
    private static final Duration MAX_DURATION = Duration.ofHours(12);
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Faults faults;
    private final FisCatalogue catalogue = new FisCatalogue();
    private final SecureRandom random = new SecureRandom();
    /** Templates and experiments by ARN, and template IDs by (scope, clientToken); guarded by this. */
    private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
    private final Map<String, Experiment> experiments = new LinkedHashMap<>();
    private final Map<String, String> templateTokens = new LinkedHashMap<>();
    private final Map<String, String> experimentTokens = new LinkedHashMap<>();

    /** A started experiment: its tree as the template made it, when it ends, the faults it made, when (if) it was stopped. */
    private static final class Experiment {
        final Map<String, Object> tree;
        final Instant startTime;
        final Instant endTime;
        final List<String> faultIds;
        final Map<String, Instant> actionEnds;
        Instant stoppedAt;

        Experiment(Map<String, Object> tree, Instant startTime, Instant endTime, List<String> faultIds, Map<String, Instant> actionEnds) {
            this.tree = tree;
            this.startTime = startTime;
            this.endTime = endTime;
            this.faultIds = faultIds;
            this.actionEnds = actionEnds;
        }
    }

    public FisOperations(Faults faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateExperimentTemplate", this::createTemplate);
        registry.add(SERVICE, "GetExperimentTemplate", call -> Output.of("experimentTemplate", template(call, call.input().string("id"))));
        registry.add(SERVICE, "ListExperimentTemplates", call -> page(call, "experimentTemplates", templatesOf(call.scope()).stream()
                .map(FisOperations::templateSummary).toList()));
        registry.add(SERVICE, "UpdateExperimentTemplate", this::updateTemplate);
        registry.add(SERVICE, "DeleteExperimentTemplate", this::deleteTemplate);
        registry.add(SERVICE, "TagResource", this::tag);
        registry.add(SERVICE, "UntagResource", this::untag);
        registry.add(SERVICE, "ListTagsForResource", call -> Output.of("tags", tagsOf(call, call.input().string("resourceArn"))));
        registry.add(SERVICE, "StartExperiment", this::start);
        registry.add(SERVICE, "GetExperiment", call -> Output.of("experiment", experimentTree(experiment(call, call.input().string("id")), call.now())));
        registry.add(SERVICE, "ListExperiments", this::listExperiments);
        registry.add(SERVICE, "StopExperiment", this::stop);
        registry.add(SERVICE, "ListActions", call -> page(call, "actions", catalogue.actions().stream().map(this::actionSummary).toList()));
        registry.add(SERVICE, "GetAction", call -> Output.of("action", action(call)));
        registry.add(SERVICE, "ListTargetResourceTypes", call -> page(call, "targetResourceTypes", catalogue.targetTypes().stream()
                .map(type -> Map.<String, Object>of("resourceType", type.get("resourceType"), "description", type.get("description"))).toList()));
        registry.add(SERVICE, "GetTargetResourceType", call -> Output.of("targetResourceType",
                catalogue.targetType(call.input().string("resourceType")).orElseThrow(() -> notFound("Target resource type not found"))));
    }

    // ---- templates

    private synchronized Map<String, Object> createTemplate(Call call) {
        Input input = call.input();
        String tokenKey = call.scope() + "/" + input.string("clientToken");
        Map<String, Object> checked = checkedTemplate(input, true);
        String existing = templateTokens.get(tokenKey);
        if (existing != null && templates.containsKey(existing)) {
            Map<String, Object> made = templates.get(existing);
            for (Map.Entry<String, Object> entry : checked.entrySet()) {
                if (!entry.getValue().equals(made.get(entry.getKey()))) {
                    throw AwsException.of(ErrorCode.CONFLICT_EXCEPTION, "The request uses the same client token as a previous, but non-identical request.");
                }
            }
            return Output.of("experimentTemplate", made);
        }
        String id = newId("EXT");
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("id", id);
        template.put("arn", arn(call.scope(), "experiment-template", id));
        template.putAll(checked);
        template.put("creationTime", call.now());
        template.put("lastUpdateTime", call.now());
        template.put("tags", new LinkedHashMap<>(input.has("tags") ? input.map("tags") : Map.of()));
        templates.put((String) template.get("arn"), template);
        templateTokens.put(tokenKey, (String) template.get("arn"));
        return Output.of("experimentTemplate", template);
    }

    private synchronized Map<String, Object> updateTemplate(Call call) {
        Map<String, Object> template = template(call, call.input().string("id"));
        Map<String, Object> merged = new LinkedHashMap<>(template);
        for (String member : List.of("description", "roleArn", "stopConditions", "targets", "actions", "experimentOptions", "logConfiguration")) {
            if (call.input().has(member)) {
                merged.put(member, call.input().values().get(member));
            }
        }
        Map<String, Object> checked = checkedTemplate(new Input(merged), false);
        template.putAll(checked);
        template.put("lastUpdateTime", call.now());
        return Output.of("experimentTemplate", template);
    }

    private synchronized Map<String, Object> deleteTemplate(Call call) {
        Map<String, Object> template = template(call, call.input().string("id"));
        templates.remove((String) template.get("arn"));
        return Output.of("experimentTemplate", template);
    }

    /**
     * The template's members from the input, checked as FIS checks them: every action known, its parameters and
     * targets right, every target named by an action defined and of the action's resource type, stop conditions
     * {@code none} only (Backlane has no CloudWatch alarms to watch).
     */
    private Map<String, Object> checkedTemplate(Input input, boolean creating) {
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("description", input.string("description"));
        checked.put("roleArn", input.string("roleArn"));
        List<Input> stopConditions = input.structures("stopConditions");
        if (stopConditions.isEmpty()) {
            throw validation("At least one stop condition is required");
        }
        for (Input stop : stopConditions) {
            String source = stop.string("source");
            if (!"none".equals(source)) {
                throw validation("Stop condition source %s is not supported: Backlane has no CloudWatch alarms; use the source none", source);
            }
        }
        checked.put("stopConditions", input.values().get("stopConditions"));
        Map<String, Object> targets = input.has("targets") ? input.map("targets") : Map.of();
        for (Map.Entry<String, Object> target : targets.entrySet()) {
            checkTarget(target.getKey(), new Input(castMap(target.getValue())));
        }
        checked.put("targets", targets);
        Map<String, Object> actions = input.has("actions") ? input.map("actions") : Map.of();
        if (actions.isEmpty()) {
            throw validation("At least one action is required");
        }
        for (Map.Entry<String, Object> action : actions.entrySet()) {
            checkAction(action.getKey(), new Input(castMap(action.getValue())), targets, actions.keySet());
        }
        checked.put("actions", actions);
        if (input.has("experimentOptions")) {
            checked.put("experimentOptions", input.values().get("experimentOptions"));
        } else if (creating) {
            checked.put("experimentOptions", Map.of("accountTargeting", "single-account", "emptyTargetResolutionMode", "fail"));
        }
        if (input.has("logConfiguration")) {
            checked.put("logConfiguration", input.values().get("logConfiguration"));
        }
        return checked;
    }

    private void checkTarget(String name, Input target) {
        String resourceType = target.string("resourceType");
        if (catalogue.targetType(resourceType).isEmpty()) {
            throw validation("Target %s: resource type %s is not supported", name, resourceType);
        }
        if (!SELECTION_MODE.matcher(target.string("selectionMode")).matches()) {
            throw validation("Target %s: selection mode %s is invalid; expected ALL, COUNT(n) or PERCENT(n)", name, target.string("selectionMode"));
        }
        boolean arns = target.has("resourceArns") && !target.strings("resourceArns").isEmpty();
        boolean tags = target.has("resourceTags") && !target.map("resourceTags").isEmpty();
        if (arns == tags) {
            throw validation("Target %s: exactly one of resourceArns or resourceTags must be specified", name);
        }
        if (tags) {
            // Backlane's world holds no IAM roles to match tags against.
            throw validation("Target %s: resource type %s can only be targeted by resourceArns in Backlane", name, resourceType);
        }
    }

    private void checkAction(String name, Input action, Map<String, Object> targets, java.util.Set<String> actionNames) {
        String actionId = action.string("actionId");
        Map<String, Object> definition = catalogue.action(actionId)
                .orElseThrow(() -> validation("Action %s: action type %s is not supported", name, actionId));
        Map<String, Object> parameters = action.has("parameters") ? action.map("parameters") : Map.of();
        Map<String, Object> known = castMap(definition.get("parameters"));
        for (String parameter : parameters.keySet()) {
            if (!known.containsKey(parameter)) {
                throw validation("Action %s: parameter %s is not a parameter of %s", name, parameter, actionId);
            }
        }
        for (Map.Entry<String, Object> parameter : known.entrySet()) {
            if (Boolean.TRUE.equals(castMap(parameter.getValue()).get("required")) && !parameters.containsKey(parameter.getKey())) {
                throw validation("Action %s: required parameter %s is missing", name, parameter.getKey());
            }
        }
        duration(name, (String) parameters.get("duration"));
        if (actionId.equals("aws:fis:inject-api-throttle-error")) {
            String service = (String) parameters.get("service");
            if (!List.of("ec2", "kinesis").contains(service)) {
                throw validation("Action %s: parameter service must be ec2 or kinesis, not %s", name, service);
            }
            percentage(name, (String) parameters.get("percentage"));
        }
        Map<String, Object> actionTargets = action.has("targets") ? action.map("targets") : Map.of();
        Map<String, Object> wanted = castMap(definition.get("targets"));
        for (Map.Entry<String, Object> target : actionTargets.entrySet()) {
            String type = catalogue.targetResourceType(actionId, target.getKey())
                    .orElseThrow(() -> validation("Action %s: target %s is not a target of %s", name, target.getKey(), actionId));
            Object templateTarget = targets.get(String.valueOf(target.getValue()));
            if (templateTarget == null) {
                throw validation("Action %s: target %s is not defined in the template", name, target.getValue());
            }
            if (!type.equals(castMap(templateTarget).get("resourceType"))) {
                throw validation("Action %s: target %s must have resource type %s", name, target.getValue(), type);
            }
        }
        for (String required : wanted.keySet()) {
            if (!actionTargets.containsKey(required)) {
                throw validation("Action %s: target %s is required", name, required);
            }
        }
        if (action.has("startAfter")) {
            for (String after : action.strings("startAfter")) {
                if (!actionNames.contains(after)) {
                    throw validation("Action %s: startAfter names %s, which is not an action of the template", name, after);
                }
            }
            // Actions run together from the experiment's start; an order between them is not carried out.
            throw validation("Action %s: startAfter is not supported by Backlane; its actions all start with the experiment", name);
        }
    }

    private static Duration duration(String action, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
                throw validation("Action %s: duration %s must be from PT1M to PT12H", action, text);
            }
            return duration;
        } catch (DateTimeParseException | NullPointerException invalid) {
            throw validation("Action %s: duration %s is not an ISO 8601 duration such as PT5M", action, text);
        }
    }

    private static int percentage(String action, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // refused below
        }
        throw validation("Action %s: percentage %s must be an integer from 1 to 100", action, text);
    }

    // ---- experiments

    private synchronized Map<String, Object> start(Call call) {
        String tokenKey = call.scope() + "/" + call.input().string("clientToken");
        String started = experimentTokens.get(tokenKey);
        if (started != null && experiments.containsKey(started)) {
            return Output.of("experiment", experimentTree(experiments.get(started), call.now()));
        }
        Map<String, Object> template = template(call, call.input().string("experimentTemplateId"));
        Instant now = call.now();
        String id = newId("EXP");
        Map<String, Object> resolvedTargets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> target : castMap(template.get("targets")).entrySet()) {
            Map<String, Object> resolved = new LinkedHashMap<>(castMap(target.getValue()));
            resolved.put("resourceArns", selected(new Input(resolved)));
            resolvedTargets.put(target.getKey(), resolved);
        }
        List<String> faultIds = new ArrayList<>();
        Map<String, Instant> actionEnds = new LinkedHashMap<>();
        Instant end = now;
        try {
            for (Map.Entry<String, Object> entry : castMap(template.get("actions")).entrySet()) {
                Input action = new Input(castMap(entry.getValue()));
                Map<String, Object> parameters = action.map("parameters");
                Duration duration = duration(entry.getKey(), (String) parameters.get("duration"));
                actionEnds.put(entry.getKey(), now.plus(duration));
                end = end.isBefore(now.plus(duration)) ? now.plus(duration) : end;
                if (action.string("actionId").equals("aws:fis:inject-api-throttle-error")) {
                    String targetName = String.valueOf(action.map("targets").get("Roles"));
                    for (Object role : (List<?>) castMap(resolvedTargets.get(targetName)).get("resourceArns")) {
                        faultIds.add(throttle(call, String.valueOf(role), parameters, duration).id());
                    }
                }
            }
        } catch (AwsException refused) {
            faultIds.forEach(faults::remove);
            throw refused;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", id);
        tree.put("arn", arn(call.scope(), "experiment", id));
        tree.put("experimentTemplateId", template.get("id"));
        tree.put("roleArn", template.get("roleArn"));
        tree.put("targets", resolvedTargets);
        tree.put("actions", template.get("actions"));
        tree.put("stopConditions", template.get("stopConditions"));
        tree.put("creationTime", now);
        tree.put("startTime", now);
        tree.put("tags", new LinkedHashMap<>(call.input().has("tags") ? call.input().map("tags") : Map.of()));
        tree.put("experimentOptions", Map.of("accountTargeting", "single-account", "emptyTargetResolutionMode", "fail", "actionsMode", "run-all"));
        Experiment experiment = new Experiment(tree, now, end, List.copyOf(faultIds), actionEnds);
        experiments.put((String) tree.get("arn"), experiment);
        experimentTokens.put(tokenKey, (String) tree.get("arn"));
        Map<String, Object> answer = experimentTree(experiment, now);
        // AWS answers the start while the experiment initiates; its actions have been carried out by the time it is read again.
        answer.put("state", state("initiating", "Experiment is initiating."));
        return Output.of("experiment", answer);
    }

    /** The F7 fault for one role: its calls to the service (operations named in the action) throttled at the percentage. */
    private Fault throttle(Call call, String roleArn, Map<String, Object> parameters, Duration duration) {
        List<String> operations = List.of(String.valueOf(parameters.get("operations")).split(",")).stream().map(String::trim)
                .filter(operation -> !operation.isEmpty()).toList();
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("account", call.scope().account());
        scope.put("region", call.scope().region());
        scope.put("service", String.valueOf(parameters.get("service")));
        scope.put("principal", roleArn);
        FaultRequest request = FaultRequest.of("F7", scope).withOperations(operations)
                .withPercentage(percentage("Roles", String.valueOf(parameters.get("percentage")))).withDuration(duration.toString());
        return faults.create(request, call.world(), id -> Optional.empty());
    }

    /** The target's resources after its selection mode: all, the first n, or the first n percent (rounded up). */
    private static List<String> selected(Input target) {
        List<String> arns = target.strings("resourceArns");
        Matcher mode = SELECTION_MODE.matcher(target.string("selectionMode"));
        mode.matches();
        if (mode.group(1) != null) {
            return arns.subList(0, Math.min(arns.size(), Integer.parseInt(mode.group(1))));
        }
        if (mode.group(2) != null) {
            int count = (int) Math.ceil(arns.size() * Math.min(100, Integer.parseInt(mode.group(2))) / 100.0);
            return arns.subList(0, count);
        }
        return arns;
    }

    private synchronized Map<String, Object> stop(Call call) {
        Experiment experiment = experiment(call, call.input().string("id"));
        Instant now = call.now();
        if (experiment.stoppedAt == null && now.isBefore(experiment.endTime)) {
            experiment.stoppedAt = now;
            experiment.faultIds.forEach(faults::remove);
            Map<String, Object> answer = experimentTree(experiment, now);
            answer.put("state", state("stopping", "Stopping Experiment."));
            return Output.of("experiment", answer);
        }
        return Output.of("experiment", experimentTree(experiment, now));
    }

    private synchronized Map<String, Object> listExperiments(Call call) {
        String templateId = call.input().string("experimentTemplateId");
        List<Object> summaries = new ArrayList<>();
        for (Experiment experiment : experiments.values()) {
            if (inScope(call.scope(), (String) experiment.tree.get("arn"))
                    && (templateId == null || templateId.equals(experiment.tree.get("experimentTemplateId")))) {
                Map<String, Object> tree = experimentTree(experiment, call.now());
                Map<String, Object> summary = new LinkedHashMap<>();
                for (String member : List.of("id", "arn", "experimentTemplateId", "state", "creationTime", "tags", "experimentOptions")) {
                    summary.put(member, tree.get(member));
                }
                summaries.add(summary);
            }
        }
        return page(call, "experiments", summaries);
    }

    /** The experiment as read now: its state, and each action's, from the clock (ended, stopped or running). */
    private static Map<String, Object> experimentTree(Experiment experiment, Instant now) {
        Map<String, Object> tree = new LinkedHashMap<>(experiment.tree);
        Map<String, Object> actions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : castMap(experiment.tree.get("actions")).entrySet()) {
            Map<String, Object> action = new LinkedHashMap<>(castMap(entry.getValue()));
            Instant actionEnd = experiment.actionEnds.get(entry.getKey());
            action.put("startTime", experiment.startTime);
            if (experiment.stoppedAt != null && experiment.stoppedAt.isBefore(actionEnd)) {
                action.put("state", state("stopped", "Action was stopped."));
                action.put("endTime", experiment.stoppedAt);
            } else if (!now.isBefore(actionEnd)) {
                action.put("state", state("completed", "Action was completed."));
                action.put("endTime", actionEnd);
            } else {
                action.put("state", state("running", "Action is running."));
            }
            actions.put(entry.getKey(), action);
        }
        tree.put("actions", actions);
        if (experiment.stoppedAt != null) {
            tree.put("state", state("stopped", "Experiment stopped."));
            tree.put("endTime", experiment.stoppedAt);
        } else if (!now.isBefore(experiment.endTime)) {
            tree.put("state", state("completed", "Experiment completed."));
            tree.put("endTime", experiment.endTime);
        } else {
            tree.put("state", state("running", "Experiment is running."));
        }
        return tree;
    }

    private static Map<String, Object> state(String status, String reason) {
        return Map.of("status", status, "reason", reason);
    }

    // ---- tags

    private synchronized Map<String, Object> tag(Call call) {
        tagsOf(call, call.input().string("resourceArn")).putAll(call.input().map("tags"));
        return Output.empty();
    }

    private synchronized Map<String, Object> untag(Call call) {
        Map<String, Object> tags = tagsOf(call, call.input().string("resourceArn"));
        if (call.input().has("tagKeys")) {
            call.input().strings("tagKeys").forEach(tags::remove);
        }
        return Output.empty();
    }

    @SuppressWarnings("unchecked")
    private synchronized Map<String, Object> tagsOf(Call call, String arn) {
        if (inScope(call.scope(), arn)) {
            if (templates.containsKey(arn)) {
                return (Map<String, Object>) templates.get(arn).get("tags");
            }
            if (experiments.containsKey(arn)) {
                return (Map<String, Object>) experiments.get(arn).tree.get("tags");
            }
        }
        throw notFound("Resource not found: %s", arn);
    }

    // ---- lookups

    private synchronized Map<String, Object> template(Call call, String id) {
        Map<String, Object> template = templates.get(arn(call.scope(), "experiment-template", id));
        if (template == null) {
            throw notFound("Experiment template not found.");
        }
        return template;
    }

    private synchronized Experiment experiment(Call call, String id) {
        Experiment experiment = experiments.get(arn(call.scope(), "experiment", id));
        if (experiment == null) {
            throw notFound("Experiment not found.");
        }
        return experiment;
    }

    private synchronized List<Map<String, Object>> templatesOf(Scope scope) {
        return templates.values().stream().filter(template -> inScope(scope, (String) template.get("arn"))).toList();
    }

    private static Map<String, Object> templateSummary(Map<String, Object> template) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String member : List.of("id", "arn", "description", "creationTime", "lastUpdateTime", "tags")) {
            summary.put(member, template.get(member));
        }
        return summary;
    }

    private Map<String, Object> action(Call call) {
        String id = call.input().string("id");
        Map<String, Object> action = new LinkedHashMap<>(catalogue.action(id).orElseThrow(() -> notFound("Action not found.")));
        action.put("arn", arn(call.scope(), "action", id));
        return action;
    }

    private Map<String, Object> actionSummary(Map<String, Object> action) {
        Map<String, Object> summary = new LinkedHashMap<>(action);
        summary.remove("parameters");
        return summary;
    }

    /** One page of a list: {@code maxResults} from the position {@code nextToken} names (the previous page's end). */
    private static Map<String, Object> page(Call call, String member, List<?> all) {
        int max = call.input().has("maxResults") ? call.input().integer("maxResults") : 100;
        int from = 0;
        if (call.input().has("nextToken")) {
            try {
                from = Integer.parseInt(call.input().string("nextToken"));
            } catch (NumberFormatException invalid) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw validation("Invalid nextToken");
            }
        }
        int to = Math.min(all.size(), from + max);
        Output output = Output.create().put(member, all.subList(from, to));
        if (to < all.size()) {
            output.put("nextToken", Integer.toString(to));
        }
        return output.build();
    }

    private static String arn(Scope scope, String type, String id) {
        return "arn:aws:fis:" + scope.region() + ":" + scope.account() + ":" + type + "/" + id;
    }

    private static boolean inScope(Scope scope, String arn) {
        return arn.startsWith("arn:aws:fis:" + scope.region() + ":" + scope.account() + ":");
    }

    /** An ID as FIS makes them: the prefix ({@code EXT}, {@code EXP}) and 14 letters and digits. */
    private String newId(String prefix) {
        return prefix + random.ints(14, 0, ID_ALPHABET.length()).mapToObj(ID_ALPHABET::charAt).map(String::valueOf).collect(Collectors.joining());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static AwsException validation(String format, Object... args) {
        return AwsException.of(ErrorCode.VALIDATION_EXCEPTION, format, args);
    }

    private static AwsException notFound(String format, Object... args) {
        return AwsException.of(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, format, args);
    }
}
