package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.validation;

import dev.backlane.core.model.Instance;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Input;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * The resources an experiment's target picks when it starts. Roles ({@code aws:iam:role}) are the ARNs named, the world
 * holding no IAM roles; EC2 instances ({@code aws:ec2:instance}) and subnets ({@code aws:ec2:subnet}) are those of the
 * caller's account and region that the target's ARNs name or whose tags carry every {@code resourceTags} pair, then
 * those every filter keeps (the value at the filter's {@code path} in the DescribeInstances or DescribeSubnets shape is
 * one of its {@code values}). Then the
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

    /** The filter paths of aws:ec2:subnet Backlane reads, in the subnet's DescribeSubnets shape. */
    static final Map<String, Function<Subnet, String>> SUBNET_PATHS = Map.of(
            "AvailabilityZone", Subnet::availabilityZone,
            "AvailabilityZoneId", Subnet::availabilityZoneId,
            "VpcId", Subnet::vpcId,
            "SubnetId", Subnet::id,
            "CidrBlock", Subnet::cidrBlock);

    private FisTargets() {}

    /** The ARNs the target resolves to, after its selection mode; a ValidationException names a target resolving to nothing. */
    static List<String> resolve(String name, Input target, ScopeState state, Scope scope, Instant now) {
        List<String> arns = switch (String.valueOf(target.string("resourceType"))) {
            case "aws:ec2:instance" -> instances(target, state, scope, now);
            case "aws:ec2:subnet" -> subnets(target, state, scope);
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

    static String subnetArn(Scope scope, String subnetId) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":subnet/" + subnetId;
    }

    static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static List<String> instances(Input target, ScopeState state, Scope scope, Instant now) {
        List<Instance> instances = state.all(ResourceTypes.INSTANCE).stream().filter(instance -> instance.isVisibleAt(now))
                .sorted(Comparator.comparing(Instance::id)).toList();
        return matching(target, state, instances, Instance::id, instance -> instanceArn(scope, instance.id()),
                (instance, path) -> Optional.ofNullable(INSTANCE_PATHS.get(path)).map(value -> value.apply(instance, now)).orElse(null));
    }

    private static List<String> subnets(Input target, ScopeState state, Scope scope) {
        List<Subnet> subnets = state.all(ResourceTypes.SUBNET).stream().sorted(Comparator.comparing(Subnet::id)).toList();
        return matching(target, state, subnets, Subnet::id, subnet -> subnetArn(scope, subnet.id()),
                (subnet, path) -> Optional.ofNullable(SUBNET_PATHS.get(path)).map(value -> value.apply(subnet)).orElse(null));
    }

    /**
     * The ARNs of the candidates the target's ARNs name or whose tags carry every {@code resourceTags} pair, then those
     * every filter keeps: the value at the filter's path ({@code pathValue}) is one of its values.
     */
    private static <T> List<String> matching(Input target, ScopeState state, List<T> candidates, Function<T, String> id, Function<T, String> arn,
            BiFunction<T, String, String> pathValue) {
        List<String> named = target.has("resourceArns") ? target.strings("resourceArns") : List.of();
        Map<String, Object> tags = target.has("resourceTags") ? target.map("resourceTags") : Map.of();
        List<String> arns = new ArrayList<>();
        for (T candidate : candidates) {
            boolean chosen = named.isEmpty() ? hasTags(state, id.apply(candidate), tags) : named.contains(arn.apply(candidate));
            if (chosen && target.structures("filters").stream()
                    .allMatch(filter -> filter.strings("values").contains(pathValue.apply(candidate, filter.string("path"))))) {
                arns.add(arn.apply(candidate));
            }
        }
        return arns;
    }

    private static boolean hasTags(ScopeState state, String id, Map<String, Object> wanted) {
        Map<String, String> tags = state.find(ResourceTypes.TAGS, id).map(ResourceTags::tags).map(Map.class::cast).orElse(Map.of());
        return wanted.entrySet().stream().allMatch(pair -> String.valueOf(pair.getValue()).equals(tags.get(pair.getKey())));
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
