package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A VPC endpoint: a gateway endpoint (routes to the service's prefix list in its route tables), an
 * interface endpoint (one requester-managed network interface per subnet, DNS names, security groups)
 * or a Gateway Load Balancer endpoint. {@code state} is the state the endpoint settles in
 * ({@code available}, {@code pendingAcceptance}, ...); until its {@link Lifecycle} says it is ready, an
 * endpoint that settles {@code available} is first {@code pending}, as AWS's interface endpoints are,
 * which {@link #stateAt} derives.
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
        Instant creationTimestamp,
        Lifecycle lifecycle) implements Resource, InVpc {

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
        if (lifecycle == null) {
            lifecycle = Lifecycle.readyAt(creationTimestamp);
        }
    }

    /** An endpoint that was ready when created: one read from a snapshot. */
    public VpcEndpoint(String id, String vpcId, String serviceName, String serviceRegion, VpcEndpointType type, VpcEndpointState state,
            String policyDocument, List<String> routeTableIds, List<String> subnetIds, List<String> groupIds, List<String> networkInterfaceIds,
            boolean privateDnsEnabled, String ipAddressType, String dnsRecordIpType, boolean privateDnsOnlyForInboundResolverEndpoint,
            String dnsSuffix, Instant creationTimestamp) {
        this(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnetIds, groupIds, networkInterfaceIds,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp,
                Lifecycle.readyAt(creationTimestamp));
    }

    /** The state a caller sees at {@code at}: {@code pending} while a new endpoint is provisioned. */
    public VpcEndpointState stateAt(Instant at) {
        return switch (lifecycle.phaseAt(at)) {
            case CREATING -> state == VpcEndpointState.AVAILABLE ? VpcEndpointState.PENDING : state;
            case READY -> state;
            case DELETING -> VpcEndpointState.DELETING;
            case DELETED, FORGOTTEN -> VpcEndpointState.DELETED;
        };
    }

    /** Whether DeleteVpcEndpoints has been called for it: it is then {@code deleting} or {@code deleted}, and in nobody's way. */
    public boolean isBeingDeleted() {
        return lifecycle.isDeletionRequested();
    }

    @Override
    public boolean releasesVpc() {
        return isBeingDeleted();
    }

    /** Whether a describe at {@code at} still shows the endpoint: deleted ones are shown for a while. */
    public boolean isVisibleAt(Instant at) {
        return lifecycle.isVisibleAt(at);
    }

    /**
     * The endpoint once DeleteVpcEndpoints was called: its routes and network interfaces are gone, and it
     * is {@code deleting} until {@code deleted}, then described until {@code forgotten}.
     */
    public VpcEndpoint deleting(Instant deleted, Instant forgotten) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, List.of(), subnetIds, groupIds,
                List.of(), privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle.deleting(deleted, forgotten));
    }

    public boolean isGateway() {
        return type == VpcEndpointType.GATEWAY;
    }

    public VpcEndpoint withState(VpcEndpointState newState) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, newState, policyDocument, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle);
    }

    public VpcEndpoint withPolicyDocument(String document) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, document, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle);
    }

    public VpcEndpoint withRouteTableIds(List<String> tables) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, tables, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle);
    }

    public VpcEndpoint withInterfaces(List<String> subnets, List<String> interfaces) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnets, groupIds,
                interfaces, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle);
    }

    public VpcEndpoint withGroupIds(List<String> groups) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnetIds, groups,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, lifecycle);
    }

    public VpcEndpoint withDns(boolean privateDns, String addressType, String recordIpType, boolean inboundResolverOnly) {
        return new VpcEndpoint(id, vpcId, serviceName, serviceRegion, type, state, policyDocument, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDns, addressType, recordIpType, inboundResolverOnly, dnsSuffix, creationTimestamp, lifecycle);
    }
}
