package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ELBv2 target group, identified by its ARN, with its registered targets. Lambda target groups
 * have no protocol, port or VPC. The load balancers that use it are found through listeners.
 */
public record TargetGroup(
        String id,
        String name,
        ElbProtocol protocol,
        String protocolVersion,
        Integer port,
        String vpcId,
        TargetType targetType,
        String ipAddressType,
        HealthCheck healthCheck,
        SortedMap<String, String> attributes,
        List<Target> targets) implements Resource, InVpc {
    public static final String UNHEALTHY_CONNECTION_TERMINATION = "target_health_state.unhealthy.connection_termination.enabled";
    public static final String UNHEALTHY_DRAINING_INTERVAL = "target_health_state.unhealthy.draining_interval_seconds";

    public TargetGroup {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(targetType, "targetType is null");
        requireNonNull(healthCheck, "healthCheck is null");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(attributes, "attributes is null")));
        targets = List.copyOf(requireNonNull(targets, "targets is null"));
    }

    /** {@code deregistration_delay.timeout_seconds}: how long a deregistered target drains before it leaves (AWS's 300 s by default). */
    public Duration deregistrationDelay() {
        String seconds = attributes.get("deregistration_delay.timeout_seconds");
        return Duration.ofSeconds(seconds == null ? 300 : Long.parseLong(seconds));
    }

    /**
     * {@code deregistration_delay.connection_termination.enabled}: whether the load balancer closes the connections
     * still open to a deregistered target when its delay ends (off by default: they are left to end on their own).
     */
    public boolean terminatesConnectionsOnDeregistration() {
        return "true".equals(attributes.get("deregistration_delay.connection_termination.enabled"));
    }

    /**
     * {@code target_health_state.unhealthy.connection_termination.enabled}: whether the load balancer resets the
     * connections open to a target as soon as it turns unhealthy (AWS's default, true).
     */
    public boolean terminatesConnectionsWhenUnhealthy() {
        return !"false".equals(attributes.get(UNHEALTHY_CONNECTION_TERMINATION));
    }

    /**
     * {@code target_health_state.unhealthy.draining_interval_seconds}: how long a target that turned unhealthy stays
     * {@code unhealthy.draining}, its connections kept, when the group does not terminate them at once (0 by default).
     */
    public Duration unhealthyDrainingInterval() {
        String seconds = attributes.get(UNHEALTHY_DRAINING_INTERVAL);
        return Duration.ofSeconds(seconds == null ? 0 : Long.parseLong(seconds));
    }

    /** Whether the target has left the group: deregistered, and its deregistration delay over at {@code now}. */
    public boolean hasLeft(Target target, Instant now) {
        return target.isDeregistering() && !now.isBefore(target.deregisteredTime().plus(deregistrationDelay()));
    }

    public TargetGroup withHealthCheck(HealthCheck changed) {
        return new TargetGroup(id, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, changed, attributes, targets);
    }

    public TargetGroup withAttributes(SortedMap<String, String> changed) {
        return new TargetGroup(id, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, healthCheck, changed, targets);
    }

    public TargetGroup withTargets(List<Target> changed) {
        return new TargetGroup(id, name, protocol, protocolVersion, port, vpcId, targetType, ipAddressType, healthCheck, attributes, changed);
    }
}
