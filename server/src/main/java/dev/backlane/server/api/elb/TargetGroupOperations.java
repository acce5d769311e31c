package dev.backlane.server.api.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.ElbArns;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetGroupCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** ELBv2 target groups and their targets: create, modify, delete, describe, attributes, registration and health. */
public final class TargetGroupOperations implements OperationFamily {
    private static final String SERVICE = "elasticloadbalancing";

    private final TargetGroupCommands commands;
    private final TargetCommands targets;

    public TargetGroupOperations(TargetGroupCommands commands, TargetCommands targets) {
        this.commands = requireNonNull(commands, "commands is null");
        this.targets = requireNonNull(targets, "targets is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateTargetGroup", this::createTargetGroup)
                .add(SERVICE, "ModifyTargetGroup", this::modifyTargetGroup)
                .add(SERVICE, "DeleteTargetGroup", this::deleteTargetGroup)
                .add(SERVICE, "DescribeTargetGroups", this::describeTargetGroups)
                .add(SERVICE, "DescribeTargetGroupAttributes", this::describeTargetGroupAttributes)
                .add(SERVICE, "ModifyTargetGroupAttributes", this::modifyTargetGroupAttributes)
                .add(SERVICE, "RegisterTargets", this::registerTargets)
                .add(SERVICE, "DeregisterTargets", this::deregisterTargets)
                .add(SERVICE, "DescribeTargetHealth", this::describeTargetHealth);
    }

    private Map<String, Object> createTargetGroup(Call call) {
        Input input = call.input();
        TargetGroupCommands.CreateTargetGroup request = new TargetGroupCommands.CreateTargetGroup(input.string("Name"),
                ElbInputs.wireEnum(input, "Protocol", ElbProtocol.class), input.string("ProtocolVersion"), input.integer("Port"),
                input.string("VpcId"), ElbInputs.wireEnum(input, "TargetType", TargetType.class),
                input.string("IpAddressType"), ElbInputs.healthCheck(input), ElbInputs.tags(input));
        return call.write(transaction -> {
            TargetGroup group = commands.create(transaction, request);
            return Output.of("TargetGroups", List.of(ElbShapes.targetGroup(group, List.of())));
        });
    }

    private Map<String, Object> modifyTargetGroup(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            TargetGroup group = commands.modify(transaction, input.string("TargetGroupArn"), ElbInputs.healthCheck(input));
            return Output.of("TargetGroups", List.of(ElbShapes.targetGroup(group, loadBalancersOf(transaction.state(), group.id()))));
        });
    }

    private Map<String, Object> deleteTargetGroup(Call call) {
        String arn = call.input().string("TargetGroupArn");
        return call.run(transaction -> commands.delete(transaction, arn));
    }

    private Map<String, Object> describeTargetGroups(Call call) {
        Input input = call.input();
        List<String> arns = input.strings("TargetGroupArns");
        List<String> names = input.strings("Names");
        String loadBalancerArn = input.string("LoadBalancerArn");
        int given = (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (loadBalancerArn == null ? 0 : 1);
        if (given > 1) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time");
        }
        arns.forEach(ElbArns::requireTargetGroup);
        ScopeState state = call.read();
        List<TargetGroup> selected = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : new LinkedHashSet<>(arns)) {
                selected.add(state.find(ResourceTypes.TARGET_GROUP, arn).orElseThrow(() -> ResourceTypes.TARGET_GROUP.notFound(arn)));
            }
        } else if (!names.isEmpty()) {
            for (String name : new LinkedHashSet<>(names)) {
                selected.add(state.all(ResourceTypes.TARGET_GROUP).stream().filter(group -> group.name().equals(name)).findFirst()
                        .orElseThrow(() -> ResourceTypes.TARGET_GROUP.notFound(name)));
            }
        } else if (loadBalancerArn != null) {
            ElbArns.requireLoadBalancer(loadBalancerArn);
            state.find(ResourceTypes.LOAD_BALANCER, loadBalancerArn).orElseThrow(() -> ResourceTypes.LOAD_BALANCER.notFound(loadBalancerArn));
            Set<String> used = new TreeSet<>();
            for (Listener listener : state.all(ResourceTypes.LISTENER)) {
                if (listener.loadBalancerArn().equals(loadBalancerArn)) {
                    listener.defaultActions().forEach(action -> {
                        if (action.targetGroupArn() != null) {
                            used.add(action.targetGroupArn());
                        }
                    });
                }
            }
            used.forEach(arn -> state.find(ResourceTypes.TARGET_GROUP, arn).ifPresent(selected::add));
        } else {
            selected.addAll(state.all(ResourceTypes.TARGET_GROUP));
        }
        selected.sort((a, b) -> a.id().compareTo(b.id()));
        Page<TargetGroup> page = ElbPages.page(input, selected);
        return Output.create()
                .put("TargetGroups", page.items().stream().map(group -> ElbShapes.targetGroup(group, loadBalancersOf(state, group.id()))).toList())
                .put("NextMarker", page.nextToken())
                .build();
    }

    private Map<String, Object> describeTargetGroupAttributes(Call call) {
        String arn = ElbArns.requireTargetGroup(call.input().string("TargetGroupArn"));
        TargetGroup group = call.read().find(ResourceTypes.TARGET_GROUP, arn).orElseThrow(() -> ResourceTypes.TARGET_GROUP.notFound(arn));
        return Output.of("Attributes", ElbShapes.attributes(group.attributes()));
    }

    private Map<String, Object> modifyTargetGroupAttributes(Call call) {
        Input input = call.input();
        Map<String, String> changes = ElbInputs.attributes(input);
        return call.write(transaction -> {
            TargetGroup group = commands.modifyAttributes(transaction, input.string("TargetGroupArn"), changes);
            return Output.of("Attributes", ElbShapes.attributes(group.attributes()));
        });
    }

    private Map<String, Object> registerTargets(Call call) {
        Input input = call.input();
        return call.run(transaction -> targets.register(transaction, input.string("TargetGroupArn"), ElbInputs.targets(input)));
    }

    private Map<String, Object> deregisterTargets(Call call) {
        Input input = call.input();
        return call.run(transaction -> targets.deregister(transaction, input.string("TargetGroupArn"), ElbInputs.targets(input)));
    }

    private Map<String, Object> describeTargetHealth(Call call) {
        Input input = call.input();
        var health = TargetCommands.health(call.read(), input.string("TargetGroupArn"), ElbInputs.targets(input), call.now());
        return Output.of("TargetHealthDescriptions", health.stream().map(ElbShapes::targetHealth).toList());
    }

    static List<String> loadBalancersOf(ScopeState state, String targetGroupArn) {
        return state.all(ResourceTypes.LISTENER).stream()
                .filter(listener -> listener.forwardsTo(targetGroupArn))
                .map(Listener::loadBalancerArn)
                .distinct()
                .sorted()
                .toList();
    }
}
