package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static dev.backlane.server.api.fis.FisAnswers.percentage;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultRequest;
import dev.backlane.core.fault.ToxicRequest;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.fault.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Carries out an experiment's actions as faults on the server's {@link Faults}, each from the action's start for its
 * {@code duration}: {@code aws:fis:inject-api-throttle-error}, {@code inject-api-internal-error} and
 * {@code inject-api-unavailable-error} become an F7, {@code API_INTERNAL_ERROR} or {@code API_UNAVAILABLE} fault for each
 * target role (the principal the workloads call as), on the action's service and operations at its percentage;
 * Backlane's own {@code backlane:dns:resolve-public}, {@code backlane:vpce:drop-traffic}, {@code zone-unavailable},
 * {@code deny-actions}, {@code backlane:traffic:cost-spike}, {@code backlane:network:break-connections} and
 * {@code backlane:telemetry:lose-records} make the guide's F1-F6 and F8 over the scope their parameters name, and
 * {@code backlane:network:toxic} a Toxiproxy toxic; {@code aws:fis:wait} makes nothing.
 */
final class FisActions {
    /** The fault kind each of FIS's API error actions makes. */
    private static final Map<String, FaultKind> API_ERROR_KINDS = Map.of("aws:fis:inject-api-throttle-error", FaultKind.F7_THROTTLING,
            "aws:fis:inject-api-internal-error", FaultKind.API_INTERNAL_ERROR, "aws:fis:inject-api-unavailable-error", FaultKind.API_UNAVAILABLE);

    /** The guide's failure mode each of Backlane's own actions makes. */
    private static final Map<String, FaultKind> BACKLANE_KINDS = Map.of("backlane:dns:resolve-public", FaultKind.F1_PUBLIC_DNS,
            "backlane:vpce:drop-traffic", FaultKind.F2_SECURITY_GROUP_DROP, "backlane:vpce:zone-unavailable", FaultKind.F3_ZONE_UNAVAILABLE,
            "backlane:vpce:deny-actions", FaultKind.F4_POLICY_DENY, "backlane:network:break-connections", FaultKind.F6_ASYMMETRIC_ROUTING,
            "backlane:traffic:cost-spike", FaultKind.F5_COST_SPIKE, "backlane:telemetry:lose-records", FaultKind.F8_TELEMETRY_LOSS,
            "backlane:network:toxic", FaultKind.TOXIC);

    private final Faults faults;
    private final Function<String, Optional<String>> workloadInterfaces;

    FisActions(Faults faults, Function<String, Optional<String>> workloadInterfaces) {
        this.faults = requireNonNull(faults, "faults is null");
        this.workloadInterfaces = requireNonNull(workloadInterfaces, "workloadInterfaces is null");
    }

    /** The faults the action makes, starting at {@code start}; every fault made is removed again if one is refused. */
    List<String> carryOut(Call call, String name, Input action, Map<String, Object> resolvedTargets, Instant start, Duration duration) {
        List<String> made = new ArrayList<>();
        try {
            Map<String, Object> parameters = action.has("parameters") ? action.map("parameters") : Map.of();
            switch (action.string("actionId")) {
                case "aws:fis:inject-api-throttle-error", "aws:fis:inject-api-internal-error", "aws:fis:inject-api-unavailable-error" -> {
                    for (String role : targetArns(action, "Roles", resolvedTargets)) {
                        made.add(apiError(call, name, API_ERROR_KINDS.get(action.string("actionId")), role, parameters, start, duration).id());
                    }
                }
                case "backlane:dns:resolve-public", "backlane:vpce:drop-traffic", "backlane:vpce:zone-unavailable", "backlane:vpce:deny-actions",
                        "backlane:network:break-connections", "backlane:telemetry:lose-records", "backlane:traffic:cost-spike",
                        "backlane:network:toxic" ->
                    made.add(backlaneFault(call, name, action.string("actionId"), parameters, start, duration).id());
                default -> {
                    // aws:fis:wait and the EC2 actions (FisInstanceActions) make no fault.
                }
            }
        } catch (RuntimeException refused) {
            end(made);
            throw refused;
        }
        return made;
    }

    /** A parameter FIS gives as a comma-separated list ({@code DescribeVpcs,DescribeSubnets}), its items trimmed. */
    private static List<String> commaList(Object parameter) {
        return List.of(String.valueOf(parameter).split(",")).stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    void end(List<String> faultIds) {
        faultIds.forEach(faults::remove);
    }

    /** The ARNs the experiment resolved for the template target the action names under {@code key} ({@code Roles}, {@code Instances}). */
    static List<String> targetArns(Input action, String key, Map<String, Object> resolvedTargets) {
        String targetName = String.valueOf(action.map("targets").get(key));
        List<String> arns = new ArrayList<>();
        for (Object arn : (List<?>) castMap(resolvedTargets.get(targetName)).get("resourceArns")) {
            arns.add(String.valueOf(arn));
        }
        return arns;
    }

    /**
     * The fault of one of Backlane's own actions: its kind's guide mode, scoped to the caller's account and region and to
     * the scope fields among its parameters. A fault the world refuses (an endpoint that does not exist) refuses the
     * experiment with FIS's ValidationException, naming the action.
     */
    private Fault backlaneFault(Call call, String name, String actionId, Map<String, Object> parameters, Instant start, Duration duration) {
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("account", call.scope().account());
        scope.put("region", call.scope().region());
        for (String field : List.of("vpcId", "subnetId", "availabilityZone", "vpcEndpointId", "service", "principal", "workloadId")) {
            if (parameters.containsKey(field)) {
                scope.put(field, String.valueOf(parameters.get(field)));
            }
        }
        FaultRequest request = FaultRequest.of(BACKLANE_KINDS.get(actionId).label(), scope).withDuration(duration.toString());
        if (parameters.containsKey("actions")) {
            request = request.withActions(commaList(parameters.get("actions")));
        }
        if (parameters.containsKey("mode")) {
            request = request.withMode(String.valueOf(parameters.get("mode")));
        }
        if (parameters.containsKey("percentage")) {
            request = request.withPercentage(percentage(name, String.valueOf(parameters.get("percentage"))));
        }
        if (parameters.containsKey("delay")) {
            request = request.withDelay(String.valueOf(parameters.get("delay")));
        }
        if (parameters.containsKey("telemetry")) {
            request = request.withTelemetry(commaList(parameters.get("telemetry")));
        }
        if (parameters.containsKey("totalBytes")) {
            long total = whole(name, "totalBytes", parameters.get("totalBytes"));
            request = parameters.containsKey("bytesPerSecond") ? request.withTraffic(whole(name, "bytesPerSecond", parameters.get("bytesPerSecond")), total)
                    : request.withTotalBytes(total);
        }
        if (parameters.containsKey("type")) {
            request = request.withToxic(toxic(name, parameters));
        }
        if (start.isAfter(call.now())) {
            request = request.withStartTime(start.toString());
        }
        try {
            return faults.create(request, call.world(), workloadInterfaces);
        } catch (AwsException refused) {
            throw FisAnswers.validation("Action %s: %s", name, refused.getMessage());
        }
    }

    /**
     * A toxic as FIS's string parameters give it (FIS allows no spaces in a value): its type, stream, toxicity and
     * attributes as comma-separated {@code name=value} pairs of whole numbers ({@code latency=200,jitter=50}).
     */
    private static ToxicRequest toxic(String name, Map<String, Object> parameters) {
        Map<String, Long> attributes = new LinkedHashMap<>();
        for (String pair : commaList(parameters.getOrDefault("attributes", ""))) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw FisAnswers.validation("Action %s: parameter attributes must be name=value pairs, comma-separated, not %s", name, pair);
            }
            attributes.put(pair.substring(0, equals), whole(name, "attributes." + pair.substring(0, equals), pair.substring(equals + 1)));
        }
        ToxicRequest toxic = ToxicRequest.of(String.valueOf(parameters.get("type")), attributes);
        if (parameters.containsKey("stream")) {
            toxic = toxic.withStream(String.valueOf(parameters.get("stream")));
        }
        if (parameters.containsKey("toxicity")) {
            try {
                toxic = toxic.withToxicity(Double.parseDouble(String.valueOf(parameters.get("toxicity"))));
            } catch (NumberFormatException e) {
                throw FisAnswers.validation("Action %s: parameter toxicity must be a number from 0 to 1", name);
            }
        }
        return toxic;
    }

    /** A whole-number parameter (FIS gives every parameter as a string). */
    private static long whole(String name, String parameter, Object value) {
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw FisAnswers.validation("Action %s: parameter %s must be a whole number", name, parameter);
        }
    }

    /** A fault answering one role's calls to the service (operations named in the action) with an error, at the percentage. */
    private Fault apiError(Call call, String name, FaultKind kind, String roleArn, Map<String, Object> parameters, Instant start, Duration duration) {
        List<String> operations = commaList(parameters.getOrDefault("operations", ""));
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("account", call.scope().account());
        scope.put("region", call.scope().region());
        scope.put("service", String.valueOf(parameters.get("service")));
        scope.put("principal", roleArn);
        FaultRequest request = FaultRequest.of(kind.label(), scope).withOperations(operations)
                .withPercentage(percentage(name, String.valueOf(parameters.get("percentage")))).withDuration(duration.toString());
        if (start.isAfter(call.now())) {
            request = request.withStartTime(start.toString());
        }
        return faults.create(request, call.world(), id -> Optional.empty());
    }
}
