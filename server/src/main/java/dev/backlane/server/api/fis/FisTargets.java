package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.validation;

import dev.backlane.core.model.Instance;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Input;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;

/**
 * The resources an experiment's target picks when it starts. Roles ({@code aws:iam:role}) are the ARNs named, the world
 * holding no IAM roles; EC2 instances ({@code aws:ec2:instance}) are those of the caller's account and region that the
 * target's ARNs name or whose tags carry every {@code resourceTags} pair, then those every filter keeps (the value at
 * the filter's {@code path} in the instance's DescribeInstances shape is one of its {@code values}). Then the
 * selection mode: all, the first n, or the first n percent (rounded up). AWS picks at random; Backlane
 * deterministically (in ID order), so a test knows which.
 */
final class FisTargets {
    /** The filter paths of aws:ec2:instance Backlane reads, each from the instance at a time. */
    static final Map<String, BiFunction<Instance, Instant, String>> INSTANCE_PATHS = Map.of(
            "State.Name", (instance, now) -> instance.state(now).awsName(),
            "Placement.AvailabilityZone", (instance, now) -> instance.availabilityZone(),
            "SubnetId", (instance, now) -> instance.subnetId(),
            "VpcId", (instance, now) -> instance.vpcId(),
            "InstanceType", (instance, now) -> instance.instanceType(),
            "InstanceId", (instance, now) -> instance.id());

    private FisTargets() {}

    /** The ARNs the target resolves to, after its selection mode; a ValidationException names a target resolving to nothing. */
    static List<String> resolve(String name, Input target, ScopeState state, Scope scope, Instant now) {
        List<String> arns = switch (String.valueOf(target.string("resourceType"))) {
            case "aws:ec2:instance" -> instances(target, state, scope, now);
            default -> target.strings("resourceArns");
        };
        List<String> selected = selected(target, arns);
        if (selected.isEmpty()) {
            throw validation("Target %s: no resources of type %s match its resourceArns, resourceTags and filters", name, target.string("resourceType"));
        }
        return selected;
    }

    static String instanceArn(Scope scope, String instanceId) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":instance/" + instanceId;
    }

    static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static List<String> instances(Input target, ScopeState state, Scope scope, Instant now) {
        List<String> named = target.has("resourceArns") ? target.strings("resourceArns") : List.of();
        Map<String, Object> tags = target.has("resourceTags") ? target.map("resourceTags") : Map.of();
        List<String> arns = new ArrayList<>();
        for (Instance instance : state.all(ResourceTypes.INSTANCE).stream().filter(instance -> instance.isVisibleAt(now))
                .sorted(Comparator.comparing(Instance::id)).toList()) {
            String arn = instanceArn(scope, instance.id());
            boolean chosen = named.isEmpty() ? hasTags(state, instance.id(), tags) : named.contains(arn);
            if (chosen && passes(target, instance, now)) {
                arns.add(arn);
            }
        }
        return arns;
    }

    private static boolean hasTags(ScopeState state, String id, Map<String, Object> wanted) {
        Map<String, String> tags = state.find(ResourceTypes.TAGS, id).map(ResourceTags::tags).map(Map.class::cast).orElse(Map.of());
        return wanted.entrySet().stream().allMatch(pair -> String.valueOf(pair.getValue()).equals(tags.get(pair.getKey())));
    }

    private static boolean passes(Input target, Instance instance, Instant now) {
        for (Input filter : target.structures("filters")) {
            String value = Optional.ofNullable(INSTANCE_PATHS.get(filter.string("path"))).map(path -> path.apply(instance, now)).orElse(null);
            if (value == null || !filter.strings("values").contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> selected(Input target, List<String> arns) {
        Matcher mode = FisTemplateCheck.SELECTION_MODE.matcher(target.string("selectionMode"));
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
}
