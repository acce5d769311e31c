package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;

/**
 * One target that a connection through an interface endpoint to an endpoint service (PrivateLink) may reach, as the
 * path engine chose it on the provider's side: the provider's scope and the target group's VPC (where the target's
 * address lives, so its socket can be found), the endpoint service's Network Load Balancer and the address it
 * connects from in the zone ({@code loadBalancerAddress}, the source the target sees), the listener's target group,
 * the target (an instance ID or an IP address, its private IPv4 address and port, its zone) and whether the target
 * group sends a Proxy Protocol v2 header first.
 */
public record ServiceTarget(Scope scope, String vpcId, String loadBalancerArn, String loadBalancerAddress, String targetGroupArn, String targetId,
        String address, int port, String availabilityZone, boolean proxyProtocolV2) {
    public ServiceTarget {
        requireNonNull(scope, "scope is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(loadBalancerArn, "loadBalancerArn is null");
        requireNonNull(loadBalancerAddress, "loadBalancerAddress is null");
        requireNonNull(targetGroupArn, "targetGroupArn is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(address, "address is null");
        requireNonNull(availabilityZone, "availabilityZone is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, not " + port);
        }
    }
}
