package dev.backlane.server.api.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.ElbArns;
import dev.backlane.core.elb.LoadBalancerCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** ELBv2 load balancers: create, delete, describe, attributes, subnets, security groups and capacity. */
public final class LoadBalancerOperations implements OperationFamily {
    private static final String SERVICE = "elasticloadbalancing";

    private final LoadBalancerCommands commands;

    public LoadBalancerOperations(LoadBalancerCommands commands) {
        this.commands = requireNonNull(commands, "commands is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add(SERVICE, "CreateLoadBalancer", this::createLoadBalancer)
                .add(SERVICE, "DeleteLoadBalancer", this::deleteLoadBalancer)
                .add(SERVICE, "DescribeLoadBalancers", this::describeLoadBalancers)
                .add(SERVICE, "DescribeLoadBalancerAttributes", this::describeLoadBalancerAttributes)
                .add(SERVICE, "ModifyLoadBalancerAttributes", this::modifyLoadBalancerAttributes)
                .add(SERVICE, "SetSubnets", this::setSubnets)
                .add(SERVICE, "SetSecurityGroups", this::setSecurityGroups)
                .add(SERVICE, "DescribeCapacityReservation", this::describeCapacityReservation);
    }

    private Map<String, Object> createLoadBalancer(Call call) {
        Input input = call.input();
        LoadBalancerCommands.CreateLoadBalancer request = new LoadBalancerCommands.CreateLoadBalancer(input.string("Name"),
                ElbInputs.wireEnum(input, "Type", LoadBalancerType.class), ElbInputs.wireEnum(input, "Scheme", LoadBalancerScheme.class), input.string("IpAddressType"), input.strings("Subnets"), ElbInputs.subnetMappings(input),
                input.strings("SecurityGroups"), ElbInputs.tags(input));
        return call.write(transaction -> {
            LoadBalancer loadBalancer = commands.create(transaction, request);
            return Output.of("LoadBalancers", List.of(ElbShapes.loadBalancer(loadBalancer, transaction.now())));
        });
    }

    private Map<String, Object> deleteLoadBalancer(Call call) {
        String arn = call.input().string("LoadBalancerArn");
        return call.run(transaction -> commands.delete(transaction, arn));
    }

    private Map<String, Object> describeLoadBalancers(Call call) {
        Input input = call.input();
        List<String> arns = input.strings("LoadBalancerArns");
        List<String> names = input.strings("Names");
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        arns.forEach(ElbArns::requireLoadBalancer);
        ScopeState state = call.read();
        Instant now = call.now();
        List<LoadBalancer> selected = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : new LinkedHashSet<>(arns)) {
                selected.add(state.find(ResourceTypes.LOAD_BALANCER, arn).orElseThrow(() -> ResourceTypes.LOAD_BALANCER.notFound(arn)));
            }
        } else if (!names.isEmpty()) {
            List<String> missing = new ArrayList<>();
            for (String name : new LinkedHashSet<>(names)) {
                state.all(ResourceTypes.LOAD_BALANCER).stream().filter(lb -> lb.name().equals(name)).findFirst()
                        .ifPresentOrElse(selected::add, () -> missing.add(name));
            }
            if (!missing.isEmpty()) {
                throw AwsException.of(ErrorCode.LOAD_BALANCER_NOT_FOUND, "Load balancers '%s' not found", missing);
            }
        } else {
            selected.addAll(state.all(ResourceTypes.LOAD_BALANCER));
        }
        selected.sort((a, b) -> a.id().compareTo(b.id()));
        Page<LoadBalancer> page = ElbPages.page(input, selected);
        return Output.create()
                .put("LoadBalancers", page.items().stream().map(lb -> ElbShapes.loadBalancer(lb, now)).toList())
                .put("NextMarker", page.nextToken())
                .build();
    }

    private Map<String, Object> describeLoadBalancerAttributes(Call call) {
        LoadBalancer loadBalancer = find(call, call.input().string("LoadBalancerArn"));
        return Output.of("Attributes", ElbShapes.attributes(loadBalancer.attributes()));
    }

    private Map<String, Object> modifyLoadBalancerAttributes(Call call) {
        Input input = call.input();
        Map<String, String> changes = ElbInputs.attributes(input);
        return call.write(transaction -> {
            LoadBalancer updated = commands.modifyAttributes(transaction, input.string("LoadBalancerArn"), changes);
            return Output.of("Attributes", ElbShapes.attributes(updated.attributes()));
        });
    }

    private Map<String, Object> setSubnets(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            LoadBalancer loadBalancer = commands.setSubnets(transaction, input.string("LoadBalancerArn"), input.strings("Subnets"),
                    ElbInputs.subnetMappings(input));
            return Output.create()
                    .put("AvailabilityZones", loadBalancer.zones().stream().map(ElbShapes::zone).toList())
                    .put("IpAddressType", loadBalancer.ipAddressType())
                    .build();
        });
    }

    private Map<String, Object> setSecurityGroups(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            LoadBalancer loadBalancer = commands.setSecurityGroups(transaction, input.string("LoadBalancerArn"), input.strings("SecurityGroups"),
                    input.string("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"));
            return Output.create()
                    .put("SecurityGroupIds", loadBalancer.securityGroups())
                    .put("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", loadBalancer.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic())
                    .build();
        });
    }

    /** No capacity is ever reserved in Backlane: every load balancer reports none, with no zonal reservations. */
    private Map<String, Object> describeCapacityReservation(Call call) {
        find(call, call.input().string("LoadBalancerArn"));
        return Output.create()
                .put("DecreaseRequestsRemaining", 3)
                .put("CapacityReservationState", List.of())
                .build();
    }

    private static LoadBalancer find(Call call, String arn) {
        ElbArns.requireLoadBalancer(arn);
        return call.read().find(ResourceTypes.LOAD_BALANCER, arn).orElseThrow(() -> ResourceTypes.LOAD_BALANCER.notFound(arn));
    }
}
