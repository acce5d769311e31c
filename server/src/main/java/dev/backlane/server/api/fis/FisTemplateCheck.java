package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static dev.backlane.server.api.fis.FisAnswers.duration;
import static dev.backlane.server.api.fis.FisAnswers.percentage;
import static dev.backlane.server.api.fis.FisAnswers.validation;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.logs.LogNames;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.ConnectivityScope;
import dev.backlane.server.api.Input;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment template's members checked as FIS checks them: every action known, its parameters and targets right,
 * every target an action names defined and of the action's resource type, and stop conditions of a source Backlane
 * watches. Gives the members to keep, with FIS's defaults filled in.
 */
final class FisTemplateCheck {
    /** FIS's quota of stop conditions per experiment template. */
    static final int MAX_STOP_CONDITIONS = 5;
    static final Pattern SELECTION_MODE = Pattern.compile("ALL|COUNT\\((\\d+)\\)|PERCENT\\((\\d+)\\)");
    /** The ARN each resource type Backlane resolves from the world must have, and the filter paths it reads. */
    private static final Map<String, Pattern> RESOURCE_ARNS = Map.of(
            "aws:ec2:instance", Pattern.compile("arn:aws[a-z-]*:ec2:[a-z0-9-]+:\\d{12}:instance/i-[0-9a-f]{8,17}"),
            "aws:ec2:subnet", Pattern.compile("arn:aws[a-z-]*:ec2:[a-z0-9-]+:\\d{12}:subnet/subnet-[0-9a-f]{8,17}"));
    private static final Map<String, Set<String>> FILTER_PATHS = Map.of(
            "aws:ec2:instance", FisTargets.INSTANCE_PATHS.keySet(), "aws:ec2:subnet", FisTargets.SUBNET_PATHS.keySet());

    /** The scopes of aws:network:disrupt-connectivity AWS documents that Backlane does not carry out. */
    private static final List<String> SCOPES_NOT_CARRIED_OUT = List.of("s3express", "vpc");

    /** The API namespaces FIS's API error actions take (the FIS actions reference). */
    private static final Map<String, List<String>> API_ERROR_SERVICES = Map.of("aws:fis:inject-api-throttle-error", List.of("ec2", "kinesis"),
            "aws:fis:inject-api-internal-error", List.of("ec2"), "aws:fis:inject-api-unavailable-error", List.of("ec2"));

    private final FisCatalogue catalogue;
    private final AlarmStore alarms;

    FisTemplateCheck(FisCatalogue catalogue, AlarmStore alarms) {
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.alarms = requireNonNull(alarms, "alarms is null");
    }

    Map<String, Object> template(Input input, boolean creating, Scope scope) {
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("description", input.string("description"));
        checked.put("roleArn", input.string("roleArn"));
        List<Input> stopConditions = input.structures("stopConditions");
        if (stopConditions.isEmpty()) {
            throw validation("At least one stop condition is required");
        }
        if (stopConditions.size() > MAX_STOP_CONDITIONS) {
            throw validation("A template may have at most %d stop conditions, not %d", MAX_STOP_CONDITIONS, stopConditions.size());
        }
        for (Input stop : stopConditions) {
            String source = stop.string("source");
            if (FisStopConditions.ALARM_SOURCE.equals(source)) {
                // FIS watches the alarm of the template's own account and region, which must exist.
                String arn = stop.string("value");
                if (arn == null || alarms.findByArn(arn).filter(alarm -> alarm.scope().equals(scope)).isEmpty()) {
                    throw validation("Stop condition %s: the CloudWatch alarm %s does not exist", source, arn);
                }
            } else if (!"none".equals(source)) {
                throw validation("Stop condition source %s is not supported: use aws:cloudwatch:alarm or none", source);
            }
        }
        checked.put("stopConditions", input.values().get("stopConditions"));
        Map<String, Object> targets = input.has("targets") ? input.map("targets") : Map.of();
        for (Map.Entry<String, Object> target : targets.entrySet()) {
            target(target.getKey(), new Input(castMap(target.getValue())));
        }
        checked.put("targets", targets);
        Map<String, Object> actions = input.has("actions") ? input.map("actions") : Map.of();
        if (actions.isEmpty()) {
            throw validation("At least one action is required");
        }
        for (Map.Entry<String, Object> action : actions.entrySet()) {
            action(action.getKey(), new Input(castMap(action.getValue())), targets, actions.keySet());
        }
        FisActionOrder.starts(actions);
        checked.put("actions", actions);
        if (input.has("experimentOptions")) {
            checked.put("experimentOptions", input.values().get("experimentOptions"));
        } else if (creating) {
            checked.put("experimentOptions", Map.of("accountTargeting", "single-account", "emptyTargetResolutionMode", "fail"));
        }
        if (input.has("logConfiguration")) {
            logConfiguration(new Input(castMap(input.values().get("logConfiguration"))));
            checked.put("logConfiguration", input.values().get("logConfiguration"));
        }
        return checked;
    }

    /**
     * A log configuration: schema version 1 or 2, and at least one destination; a CloudWatch Logs destination is a log
     * group's ARN ({@code arn:aws:logs:REGION:ACCOUNT:log-group:NAME}, optionally with {@code :*}).
     */
    private static void logConfiguration(Input configuration) {
        Integer version = configuration.has("logSchemaVersion") ? configuration.integer("logSchemaVersion") : null;
        if (version == null || version < 1 || version > 2) {
            throw validation("logConfiguration: logSchemaVersion %s is not a log schema version; use 2 (or 1)", version);
        }
        boolean cloudWatch = configuration.has("cloudWatchLogsConfiguration");
        if (!cloudWatch && !configuration.has("s3Configuration")) {
            throw validation("logConfiguration: at least one of cloudWatchLogsConfiguration or s3Configuration is required");
        }
        if (cloudWatch) {
            Object arn = castMap(configuration.values().get("cloudWatchLogsConfiguration")).get("logGroupArn");
            if (arn == null || !LogNames.GROUP_ARN.matcher(String.valueOf(arn)).matches()) {
                throw validation("logConfiguration: logGroupArn %s is not the ARN of a CloudWatch Logs log group", arn);
            }
        }
    }

    private void target(String name, Input target) {
        String resourceType = target.string("resourceType");
        if (catalogue.targetType(resourceType).isEmpty()) {
            throw validation("Target %s: resource type %s is not supported", name, resourceType);
        }
        if (!SELECTION_MODE.matcher(String.valueOf(target.string("selectionMode"))).matches()) {
            throw validation("Target %s: selection mode %s is invalid; expected ALL, COUNT(n) or PERCENT(n)", name, target.string("selectionMode"));
        }
        boolean arns = target.has("resourceArns") && !target.strings("resourceArns").isEmpty();
        boolean tags = target.has("resourceTags") && !target.map("resourceTags").isEmpty();
        if (arns == tags) {
            throw validation("Target %s: exactly one of resourceArns or resourceTags must be specified", name);
        }
        Pattern arnPattern = RESOURCE_ARNS.get(resourceType);
        if (tags && arnPattern == null) {
            // Backlane's world holds no IAM roles to match tags against.
            throw validation("Target %s: resource type %s can only be targeted by resourceArns in Backlane", name, resourceType);
        }
        if (arns && arnPattern != null) {
            for (String arn : target.strings("resourceArns")) {
                if (!arnPattern.matcher(arn).matches()) {
                    throw validation("Target %s: %s is not the ARN of a resource of type %s", name, arn, resourceType);
                }
            }
        }
        for (Input filter : target.structures("filters")) {
            Set<String> paths = FILTER_PATHS.get(resourceType);
            if (paths == null) {
                throw validation("Target %s: resource type %s takes no filters in Backlane", name, resourceType);
            }
            if (!paths.contains(filter.string("path"))) {
                throw validation("Target %s: filter path %s is not one Backlane reads; use one of %s", name, filter.string("path"),
                        String.join(", ", new java.util.TreeSet<>(paths)));
            }
            if (filter.strings("values").isEmpty()) {
                throw validation("Target %s: filter %s needs values", name, filter.string("path"));
            }
        }
    }

    private void action(String name, Input action, Map<String, Object> targets, Set<String> actionNames) {
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
        if (parameters.containsKey("duration")) {
            duration(name, (String) parameters.get("duration"));
        }
        if (parameters.containsKey("startInstancesAfterDuration")) {
            duration(name, (String) parameters.get("startInstancesAfterDuration"));
        }
        if (API_ERROR_SERVICES.containsKey(actionId)) {
            String service = (String) parameters.get("service");
            List<String> services = API_ERROR_SERVICES.get(actionId);
            if (!services.contains(service)) {
                throw validation("Action %s: parameter service must be %s, not %s", name, String.join(" or ", services), service);
            }
            percentage(name, (String) parameters.get("percentage"));
        }
        if (actionId.equals(FisNetworkActions.DISRUPT)) {
            disruptConnectivity(name, parameters);
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
            if (actionId.startsWith("aws:ec2:") || actionId.equals(FisNetworkActions.DISRUPT)) {
                // Backlane runs the EC2 commands and swaps the subnets' network ACLs in the experiment's start; it does not defer them.
                throw validation("Action %s: startAfter is not supported by Backlane for %s; the action starts with the experiment", name, actionId);
            }
        }
    }

    /** The scope of aws:network:disrupt-connectivity, with its prefix list for {@code prefix-list}. */
    private static void disruptConnectivity(String name, Map<String, Object> parameters) {
        String scope = String.valueOf(parameters.get("scope"));
        if (SCOPES_NOT_CARRIED_OUT.contains(scope)) {
            throw validation("Action %s: scope %s is not supported by Backlane; use one of %s", name, scope, scopeNames());
        }
        if (ConnectivityScope.of(scope).isEmpty()) {
            throw validation("Action %s: scope %s is invalid; expected one of %s", name, scope, scopeNames());
        }
        Object prefixList = parameters.get("prefixListIdentifier");
        if (ConnectivityScope.of(scope).get() == ConnectivityScope.PREFIX_LIST && (prefixList == null || String.valueOf(prefixList).isBlank())) {
            throw validation("Action %s: parameter prefixListIdentifier is required with scope prefix-list", name);
        }
    }

    private static String scopeNames() {
        return String.join(", ", java.util.Arrays.stream(ConnectivityScope.values()).map(ConnectivityScope::awsName).toList());
    }
}
