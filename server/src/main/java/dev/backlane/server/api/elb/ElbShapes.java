package dev.backlane.server.api.elb;

import dev.backlane.core.elb.TargetHealth;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ELBv2 resources as the model's {@code LoadBalancer}, {@code TargetGroup}, {@code Listener} and related shapes. */
final class ElbShapes {
    private ElbShapes() {}

    static Map<String, Object> loadBalancer(LoadBalancer loadBalancer, Instant now) {
        return Output.create()
                .put("LoadBalancerArn", loadBalancer.id())
                .put("DNSName", loadBalancer.dnsName())
                .put("CanonicalHostedZoneId", loadBalancer.canonicalHostedZoneId())
                .put("CreatedTime", loadBalancer.createdTime())
                .put("LoadBalancerName", loadBalancer.name())
                .put("Scheme", loadBalancer.scheme())
                .put("VpcId", loadBalancer.vpcId())
                .put("State", Output.of("Code", loadBalancer.state(now).wireName()))
                .put("Type", loadBalancer.type().wireName())
                .put("AvailabilityZones", loadBalancer.zones().stream().map(ElbShapes::zone).toList())
                .put("SecurityGroups", loadBalancer.securityGroups().isEmpty() ? null : loadBalancer.securityGroups())
                .put("IpAddressType", loadBalancer.ipAddressType())
                .put("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", loadBalancer.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic())
                .build();
    }

    static Map<String, Object> zone(LoadBalancerZone zone) {
        List<Map<String, Object>> addresses = new ArrayList<>();
        if (zone.privateIpv4Address() != null || zone.allocationId() != null) {
            addresses.add(Output.create()
                    .put("AllocationId", zone.allocationId())
                    .put("PrivateIPv4Address", zone.privateIpv4Address())
                    .build());
        }
        return Output.create()
                .put("ZoneName", zone.zoneName())
                .put("SubnetId", zone.subnetId())
                .put("LoadBalancerAddresses", addresses)
                .build();
    }

    static Map<String, Object> targetGroup(TargetGroup group, List<String> loadBalancerArns) {
        HealthCheck check = group.healthCheck();
        return Output.create()
                .put("TargetGroupArn", group.id())
                .put("TargetGroupName", group.name())
                .put("Protocol", group.protocol())
                .put("Port", group.port())
                .put("VpcId", group.vpcId())
                .put("HealthCheckProtocol", check.protocol())
                .put("HealthCheckPort", check.port())
                .put("HealthCheckEnabled", check.enabled())
                .put("HealthCheckIntervalSeconds", check.intervalSeconds())
                .put("HealthCheckTimeoutSeconds", check.timeoutSeconds())
                .put("HealthyThresholdCount", check.healthyThreshold())
                .put("UnhealthyThresholdCount", check.unhealthyThreshold())
                .put("HealthCheckPath", check.path())
                .put("Matcher", check.matcher() == null ? null : Output.of("HttpCode", check.matcher()))
                .put("LoadBalancerArns", loadBalancerArns)
                .put("TargetType", group.targetType().wireName())
                .put("ProtocolVersion", group.protocolVersion())
                .put("IpAddressType", group.ipAddressType())
                .build();
    }

    static Map<String, Object> listener(Listener listener) {
        return Output.create()
                .put("ListenerArn", listener.id())
                .put("LoadBalancerArn", listener.loadBalancerArn())
                .put("Port", listener.port())
                .put("Protocol", listener.protocol())
                .put("Certificates", listener.certificateArns().isEmpty() ? null
                        : listener.certificateArns().stream().map(arn -> Output.of("CertificateArn", arn)).toList())
                .put("SslPolicy", listener.sslPolicy())
                .put("DefaultActions", listener.defaultActions().stream().map(ElbShapes::action).toList())
                .build();
    }

    private static Map<String, Object> action(ListenerAction action) {
        return Output.create()
                .put("Type", action.type())
                .put("TargetGroupArn", action.targetGroupArn())
                .put("Order", action.order())
                .put("ForwardConfig", action.targetGroupArn() == null ? null : Output.create()
                        .put("TargetGroups", List.of(Output.create().put("TargetGroupArn", action.targetGroupArn()).put("Weight", 1).build()))
                        .put("TargetGroupStickinessConfig", Output.of("Enabled", false))
                        .build())
                .build();
    }

    static Map<String, Object> targetHealth(TargetHealth health) {
        return Output.create()
                .put("Target", Output.create()
                        .put("Id", health.targetId())
                        .put("Port", health.port())
                        .put("AvailabilityZone", health.availabilityZone())
                        .build())
                .put("HealthCheckPort", health.healthCheckPort())
                .put("TargetHealth", Output.create()
                        .put("State", health.state())
                        .put("Reason", health.reason())
                        .put("Description", health.description())
                        .build())
                .build();
    }

    static List<Map<String, Object>> attributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .map(entry -> Output.create().put("Key", entry.getKey()).put("Value", entry.getValue()).build())
                .toList();
    }

    static Map<String, Object> tagDescription(ScopeState state, String arn) {
        Map<String, String> tags = state.find(ResourceTypes.TAGS, arn).<Map<String, String>>map(ResourceTags::tags).orElse(Map.of());
        return Output.create()
                .put("ResourceArn", arn)
                .put("Tags", tags.entrySet().stream().map(entry -> Output.create().put("Key", entry.getKey()).put("Value", entry.getValue()).build())
                        .toList())
                .build();
    }
}
