package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.world.ScopeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Network Load Balancer does with the connections open to a target its health checks found unhealthy. With
 * {@code target_health_state.unhealthy.connection_termination.enabled} (the default) it resets them as the target
 * turns unhealthy; with it off and {@code target_health_state.unhealthy.draining_interval_seconds} above 0 the target
 * is {@code unhealthy.draining} for that long, keeping its connections (new ones go elsewhere), and they are reset
 * when the interval ends with the target still unhealthy; with it off and no interval they are left to end on their
 * own. A target whose checks pass again in time keeps them. None is reset while its group has no healthy target: the
 * load balancer then fails open ("unless the unhealthy target triggers the load balancer to fail open", NLB user guide,
 * "Troubleshoot your Network Load Balancer").
 */
public final class UnhealthyTargets {
    private UnhealthyTargets() {}

    /** Whether DescribeTargetHealth reports the target {@code unhealthy.draining} at {@code now}. */
    public static boolean isDraining(TargetGroup group, Target target, Instant now) {
        ObservedHealth observed = target.observedHealth();
        return observed != null && observed.state() == TargetHealthState.UNHEALTHY && !group.terminatesConnectionsWhenUnhealthy()
                && now.isBefore(observed.observedTime().plus(group.unhealthyDrainingInterval()));
    }

    /**
     * When the connections open to the target are to be reset, if they are: as it turned unhealthy, or when its
     * draining interval ends; empty when it is not unhealthy, or when its group leaves its connections alone.
     */
    public static Optional<Instant> connectionsEndAt(TargetGroup group, Target target) {
        ObservedHealth observed = target.observedHealth();
        if (observed == null || observed.state() != TargetHealthState.UNHEALTHY || target.isDeregistering()) {
            return Optional.empty();
        }
        if (group.terminatesConnectionsWhenUnhealthy()) {
            return Optional.of(observed.observedTime());
        }
        if (group.unhealthyDrainingInterval().isZero()) {
            return Optional.empty();
        }
        return Optional.of(observed.observedTime().plus(group.unhealthyDrainingInterval()));
    }

    /**
     * An unhealthy target whose connections are to be reset: its group, the target, its private address in the group's
     * VPC, since when it is unhealthy (one episode of unhealthiness), and the load balancers whose listeners forward to
     * the group — the connections spliced through them to that address and port are its.
     */
    public record Due(TargetGroup group, Target target, String address, Instant unhealthySince, List<String> loadBalancerArns) {
        public Due {
            requireNonNull(group, "group is null");
            requireNonNull(target, "target is null");
            requireNonNull(address, "address is null");
            requireNonNull(unhealthySince, "unhealthySince is null");
            loadBalancerArns = List.copyOf(loadBalancerArns);
        }
    }

    /** The targets of the scope whose connections are to be reset at {@code now}, in group and target order. */
    public static List<Due> due(ScopeState state, Instant now) {
        requireNonNull(state, "state is null");
        List<Due> due = new ArrayList<>();
        for (TargetGroup group : state.all(ResourceTypes.TARGET_GROUP)) {
            // Most groups have no unhealthy target: they cost one look at each target.
            List<Target> ending = group.targets().stream().filter(target -> connectionsEndAt(group, target).filter(end -> !now.isBefore(end)).isPresent())
                    .toList();
            if (ending.isEmpty() || failsOpen(group, now)) {
                continue;
            }
            List<String> loadBalancers = state.all(ResourceTypes.LISTENER).stream().filter(listener -> listener.forwardsTo(group.id()))
                    .map(Listener::loadBalancerArn).distinct().toList();
            if (loadBalancers.isEmpty()) {
                continue;
            }
            for (Target target : ending) {
                due.add(new Due(group, target, TargetCommands.address(group, target, id -> state.find(ResourceTypes.INSTANCE, id)),
                        target.observedHealth().observedTime(), loadBalancers));
            }
        }
        return due;
    }

    /** No registered target of the group is healthy: the load balancer sends to all of them, unhealthy ones included. */
    private static boolean failsOpen(TargetGroup group, Instant now) {
        return group.targets().stream().noneMatch(target -> TargetCommands.health(group, target, true, now).state().equals("healthy"));
    }
}
