package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One Availability Zone of a load balancer: its subnet and, when the subnet mapping gave them, the
 * private IPv4 address and the Elastic IP allocation of the load balancer's node there, and the
 * requester-managed network interface that node uses.
 */
public record LoadBalancerZone(String zoneName, String subnetId, String privateIpv4Address, String allocationId, String networkInterfaceId) {
    public LoadBalancerZone {
        requireNonNull(zoneName, "zoneName is null");
        requireNonNull(subnetId, "subnetId is null");
    }

    public LoadBalancerZone withNetworkInterfaceId(String id) {
        return new LoadBalancerZone(zoneName, subnetId, privateIpv4Address, allocationId, id);
    }
}
