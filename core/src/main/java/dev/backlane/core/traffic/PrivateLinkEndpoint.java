package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;


/**
 * The consumer's side of a connection through an interface endpoint to a provider's endpoint service: the consumer
 * (its account, region, VPC, subnet, network interface and private address), the endpoint's network interface the
 * name resolved to (its address and zone ID) and the endpoint service (name, ID, owner). With the connection's
 * source port and, once chosen, its target, it is a connection's {@code PrivateLinkFlow} (made by the data plane,
 * since events depend on this package, not the other way).
 */
public record PrivateLinkEndpoint(String account, String region, String vpcId, String subnetId, String networkInterfaceId, String sourceAddress,
        String endpointId, String endpointNetworkInterfaceId, String endpointAddress, String zoneId, String serviceName, String serviceId,
        String serviceAccount) {
    public PrivateLinkEndpoint {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
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
    }
}
