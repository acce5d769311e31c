package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A VPC endpoint: a gateway endpoint (routes to the service's prefix list in its route tables), an
 * interface endpoint (one requester-managed network interface per subnet, DNS names, security groups)
 * or a Gateway Load Balancer endpoint. {@code state} is the state the endpoint settles in
 * ({@code available}, {@code pendingAcceptance}, ...); an interface endpoint is first {@code pending}
 * for {@link #PROVISIONING} after its creation, as AWS's are, which {@link #stateAt} derives.
 * {@code dnsSuffix} is the 8 characters that make its DNS names unique. {@code serviceRegion} is the
 * region of the service, the endpoint's own region unless the endpoint crosses regions.
 */
public record VpcEndpoint(
        String id,
        String vpcId,
        String serviceName,
        String serviceRegion,
        VpcEndpointType type,
        VpcEndpointState state,
        String policyDocument,
        List<String> routeTableIds,
        List<String> subnetIds,
        List<String> groupIds,
        List<String> networkInterfaceIds,
        boolean privateDnsEnabled,
        String ipAddressType,
        String dnsRecordIpType,
        boolean privateDnsOnlyForInboundResolverEndpoint,
        String dnsSuffix,
        Instant creationTimestamp) implements Resource, InVpc {

    /** How long a new interface endpoint is {@code pending}. */
    public static final Duration PROVISIONING = Duration.ofSeconds(1);

    public VpcEndpoint {
        requireNonNull(id, "id is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceRegion, "serviceRegion is null");
        requireNonNull(type, "type is null");
        requireNonNull(state, "state is null");
        routeTableIds = List.copyOf(requireNonNull(routeTableIds, "routeTableIds is null"));
        subnetIds = List.copyOf(requireNonNull(subnetIds, "subnetIds is null"));
        groupIds = List.copyOf(requireNonNull(groupIds, "groupIds is null"));
        networkInterfaceIds = List.copyOf(requireNonNull(networkInterfaceIds, "networkInterfaceIds is null"));
        requireNonNull(dnsSuffix, "dnsSuffix is null");
        requireNonNull(creationTimestamp, "creationTimestamp is null");
    }

    /** The state a caller sees at {@code at}: {@code pending} while a new interface endpoint is provisioned. */
    public VpcEndpointState stateAt(Instant at) {
        boolean provisioning = switch (type) {
            case GATEWAY -> false;
            case INTERFACE, GATEWAY_LOAD_BALANCER -> at.isBefore(creationTimestamp.plus(PROVISIONING));
        };
        return provisioning && state == VpcEndpointState.AVAILABLE ? VpcEndpointState.PENDING : state;
    }

    public boolean isGateway() {
        return type == VpcEndpointType.GATEWAY;
    }

    public VpcEndpoint withState(VpcEndpointState newState) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, newState, policyDocument, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp);
    }

    public VpcEndpoint withPolicyDocument(String document) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, document, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp);
    }

    public VpcEndpoint withRouteTableIds(List<String> tables) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, tables, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp);
    }

    public VpcEndpoint withInterfaces(List<String> subnets, List<String> interfaces) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnets, groupIds,
                interfaces, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp);
    }

    public VpcEndpoint withGroupIds(List<String> groups) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnetIds, groups,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp);
    }

    public VpcEndpoint withDns(boolean privateDns, String addressType, String recordIpType, boolean inboundResolverOnly) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDns, addressType, recordIpType, inboundResolverOnly, dnsSuffix, creationTimestamp);
    }
}
