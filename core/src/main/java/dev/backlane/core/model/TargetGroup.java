package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

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

    public TargetGroup {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(targetType, "targetType is null");
        requireNonNull(healthCheck, "healthCheck is null");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(attributes, "attributes is null")));
        targets = List.copyOf(requireNonNull(targets, "targets is null"));
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
