package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ELBv2 load balancer, identified by its ARN. Its state is not stored: it is {@code provisioning}
 * until {@code activeTime} and {@code active} after, so it follows the clock that reads it.
 * {@code scheme}, {@code dnsName} and {@code canonicalHostedZoneId} are null for
 * gateway load balancers, which have none.
 */
public record LoadBalancer(
        String id,
        String name,
        LoadBalancerType type,
        LoadBalancerScheme scheme,
        String ipAddressType,
        String vpcId,
        List<LoadBalancerZone> zones,
        List<String> securityGroups,
        String enforceSecurityGroupInboundRulesOnPrivateLinkTraffic,
        Instant createdTime,
        String dnsName,
        String canonicalHostedZoneId,
        SortedMap<String, String> attributes,
        Instant activeTime) implements Resource, InVpc {

    public LoadBalancer {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(ipAddressType, "ipAddressType is null");
        requireNonNull(vpcId, "vpcId is null");
        zones = List.copyOf(requireNonNull(zones, "zones is null"));
        securityGroups = List.copyOf(requireNonNull(securityGroups, "securityGroups is null"));
        requireNonNull(createdTime, "createdTime is null");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(attributes, "attributes is null")));
        if (activeTime == null) {
            activeTime = createdTime;
        }
    }

    public LoadBalancerState state(Instant now) {
        return now.isBefore(activeTime) ? LoadBalancerState.PROVISIONING : LoadBalancerState.ACTIVE;
    }

    /** The part of the ARN after {@code loadbalancer/}: {@code net/<name>/<id>}, as ENI descriptions and metrics use it. */
    public String arnSuffix() {
        return id.substring(id.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }

    public boolean deletionProtected() {
        return "true".equals(attributes.get("deletion_protection.enabled"));
    }

    public List<String> availabilityZoneNames() {
        return zones.stream().map(LoadBalancerZone::zoneName).toList();
    }

    public LoadBalancer withAttributes(SortedMap<String, String> changed) {
        return new LoadBalancer(id, name, type, scheme, ipAddressType, vpcId, zones, securityGroups,
                enforceSecurityGroupInboundRulesOnPrivateLinkTraffic, createdTime, dnsName, canonicalHostedZoneId, changed, activeTime);
    }

    public LoadBalancer withZones(List<LoadBalancerZone> changed) {
        return new LoadBalancer(id, name, type, scheme, ipAddressType, vpcId, changed, securityGroups,
                enforceSecurityGroupInboundRulesOnPrivateLinkTraffic, createdTime, dnsName, canonicalHostedZoneId, attributes, activeTime);
    }

    public LoadBalancer withSecurityGroups(List<String> changed, String enforceInboundRules) {
        return new LoadBalancer(id, name, type, scheme, ipAddressType, vpcId, zones, changed, enforceInboundRules, createdTime,
                dnsName, canonicalHostedZoneId, attributes, activeTime);
    }
}
