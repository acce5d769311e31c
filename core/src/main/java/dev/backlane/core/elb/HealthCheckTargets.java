package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.world.ScopeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The targets a scope's load balancers health-check, and how: every instance or IP target (not deregistering) of a
 * target group that a listener forwards to, with health checks enabled, at its private address in the group's VPC and its health check
 * port ({@code traffic-port}: the target's own), with the group's settings and the {@code Host} an HTTP check sends —
 * the load balancer node's address in the target's zone and the listener's port, as ELB sends it.
 */
public final class HealthCheckTargets {
    private HealthCheckTargets() {}

    /**
     * One target to check, with the health last recorded for it. {@code registeredTime} tells a re-registration from the
     * registration before it.
     */
    public record Checked(String targetGroupArn, String targetId, Integer port, Instant registeredTime, String vpcId, String address, int checkPort,
            HealthCheck healthCheck, String host, Optional<ObservedHealth> recorded) {
        public Checked {
            requireNonNull(targetGroupArn, "targetGroupArn is null");
            requireNonNull(targetId, "targetId is null");
            requireNonNull(registeredTime, "registeredTime is null");
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(address, "address is null");
            requireNonNull(healthCheck, "healthCheck is null");
            requireNonNull(host, "host is null");
            requireNonNull(recorded, "recorded is null");
        }
    }

    /** The targets to check in the scope's state, in group and target order. */
    public static List<Checked> of(ScopeState state) {
        requireNonNull(state, "state is null");
        Collection<Listener> listeners = state.all(ResourceTypes.LISTENER);
        List<Checked> checked = new ArrayList<>();
        for (TargetGroup group : state.all(ResourceTypes.TARGET_GROUP)) {
            if (!group.healthCheck().enabled() || group.targetType() != TargetType.INSTANCE && group.targetType() != TargetType.IP) {
                continue;
            }
            Optional<Listener> listener = listeners.stream().filter(candidate -> candidate.forwardsTo(group.id())).findFirst();
            if (listener.isEmpty()) {
                continue;
            }
            for (Target target : group.targets()) {
                if (target.isDeregistering()) {
                    // A draining target takes no new connections: its checks no longer matter.
                    continue;
                }
                target(state, group, target, listener.get()).ifPresent(checked::add);
            }
        }
        return checked;
    }

    private static Optional<Checked> target(ScopeState state, TargetGroup group, Target target, Listener listener) {
        String address;
        String zone;
        if (group.targetType() == TargetType.INSTANCE) {
            Optional<Instance> instance = state.find(ResourceTypes.INSTANCE, target.id()).filter(found -> found.privateIpAddress() != null);
            if (instance.isEmpty()) {
                return Optional.empty();
            }
            address = instance.get().privateIpAddress();
            zone = instance.get().availabilityZone();
        } else {
            address = target.id();
            zone = target.availabilityZone();
        }
        String configured = group.healthCheck().port();
        int checkPort = "traffic-port".equals(configured) ? target.port() : Integer.parseInt(configured);
        String node = nodeAddress(state, listener, zone).orElse(address);
        String host = node + ":" + (listener.port() == null ? checkPort : listener.port());
        return Optional.of(new Checked(group.id(), target.id(), target.port(), target.registeredTime(), group.vpcId(), address, checkPort,
                group.healthCheck(), host, Optional.ofNullable(target.observedHealth())));
    }

    /** The private address of the load balancer's node in the zone (its first node's when it has none there). */
    private static Optional<String> nodeAddress(ScopeState state, Listener listener, String zone) {
        Optional<LoadBalancer> loadBalancer = state.find(ResourceTypes.LOAD_BALANCER, listener.loadBalancerArn());
        if (loadBalancer.isEmpty()) {
            return Optional.empty();
        }
        List<LoadBalancerZone> zones = new ArrayList<>(loadBalancer.get().zones());
        zones.sort((left, right) -> Boolean.compare(!left.zoneName().equals(zone), !right.zoneName().equals(zone)));
        for (LoadBalancerZone candidate : zones) {
            if (candidate.privateIpv4Address() != null) {
                return Optional.of(candidate.privateIpv4Address());
            }
            if (candidate.networkInterfaceId() != null) {
                Optional<String> address = state.find(ResourceTypes.NETWORK_INTERFACE, candidate.networkInterfaceId())
                        .map(NetworkInterface::privateIpAddress);
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }
}
