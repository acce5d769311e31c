package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One TCP connection from a workload through an interface endpoint to an endpoint service, as the VPCs see it: the
 * consumer (account, region, workload, its VPC, subnet, network interface, address and port), the endpoint (ID, the
 * network interface and address in the workload's reach, its zone ID), the endpoint service (name, ID, the
 * provider's account) and the port; once the provider side chose one, the load balancer and target (address and
 * port). The same value opens and closes a connection ({@link PrivateLinkConnectionOpenedEvent},
 * {@link PrivateLinkConnectionClosedEvent}) or names a refused one ({@link PrivateLinkConnectionRefusedEvent}).
 */
public record PrivateLinkFlow(String account, String region, String workloadId, String vpcId, String subnetId, String networkInterfaceId,
        String sourceAddress, int sourcePort, String endpointId, String endpointNetworkInterfaceId, String endpointAddress, String zoneId,
        String serviceName, String serviceId, String serviceAccount, int port, Optional<String> loadBalancerArn, Optional<String> targetAddress,
        OptionalInt targetPort) {
    public PrivateLinkFlow {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        requireNonNull(workloadId, "workloadId is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(subnetId, "subnetId is null");
        requireNonNull(networkInterfaceId, "networkInterfaceId is null");
        requireNonNull(sourceAddress, "sourceAddress is null");
        requireNonNull(endpointId, "endpointId is null");
        requireNonNull(endpointNetworkInterfaceId, "endpointNetworkInterfaceId is null");
        requireNonNull(endpointAddress, "endpointAddress is null");
        requireNonNull(zoneId, "zoneId is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceId, "serviceId is null");
        requireNonNull(serviceAccount, "serviceAccount is null");
        requireNonNull(loadBalancerArn, "loadBalancerArn is null");
        requireNonNull(targetAddress, "targetAddress is null");
        requireNonNull(targetPort, "targetPort is null");
    }
}
