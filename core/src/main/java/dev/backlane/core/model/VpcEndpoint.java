package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A VPC endpoint: a gateway endpoint (routes to the service's prefix list in its route tables), an
 * interface endpoint (one requester-managed network interface per subnet, DNS names, security groups)
 * or a Gateway Load Balancer endpoint. {@code state} is AWS's lower-camel-case state
 * ({@code pending}, {@code available}, {@code pendingAcceptance}, {@code rejected}, ...);
 * {@code dnsSuffix} is the 8 characters that make its DNS names unique. {@code dnsEntries} are the
 * names AWS reported for an endpoint imported from an account snapshot; empty for endpoints made here,
 * whose names are derived from the suffix.
 */
public record VpcEndpoint(
        String id,
        String vpcId,
        String serviceName,
        String type,
        String state,
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
        List<DnsEntry> dnsEntries) implements Resource, InVpc {

    /** An endpoint made in Backlane, whose DNS names are derived. */
    public VpcEndpoint(String id, String vpcId, String serviceName, String type, String state, String policyDocument,
            List<String> routeTableIds, List<String> subnetIds, List<String> groupIds, List<String> networkInterfaceIds,
            boolean privateDnsEnabled, String ipAddressType, String dnsRecordIpType, boolean privateDnsOnlyForInboundResolverEndpoint,
            String dnsSuffix, Instant creationTimestamp) {
        this(id, vpcId, serviceName, type, state, policyDocument, routeTableIds, subnetIds, groupIds, networkInterfaceIds,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp,
                List.of());
    }

    public VpcEndpoint {
        requireNonNull(id, "id is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(type, "type is null");
        requireNonNull(state, "state is null");
        routeTableIds = List.copyOf(requireNonNull(routeTableIds, "routeTableIds is null"));
        subnetIds = List.copyOf(requireNonNull(subnetIds, "subnetIds is null"));
        groupIds = List.copyOf(requireNonNull(groupIds, "groupIds is null"));
        networkInterfaceIds = List.copyOf(requireNonNull(networkInterfaceIds, "networkInterfaceIds is null"));
        requireNonNull(dnsSuffix, "dnsSuffix is null");
        requireNonNull(creationTimestamp, "creationTimestamp is null");
        dnsEntries = List.copyOf(requireNonNull(dnsEntries, "dnsEntries is null"));
    }

    public boolean isGateway() {
        return type.equals("Gateway");
    }

    public boolean isInterface() {
        return type.equals("Interface");
    }

    public VpcEndpoint withState(String newState) {
        return new VpcEndpoint(id, vpcId, serviceName, type, newState, policyDocument, routeTableIds, subnetIds, groupIds,
                networkInterfaceIds, privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix,
                creationTimestamp, dnsEntries);
    }

    public VpcEndpoint withPolicyDocument(String document) {
        return new VpcEndpoint(id, vpcId, serviceName, type, state, document, routeTableIds, subnetIds, groupIds, networkInterfaceIds,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp, dnsEntries);
    }

    public VpcEndpoint withRouteTableIds(List<String> tables) {
        return new VpcEndpoint(id, vpcId, serviceName, type, state, policyDocument, tables, subnetIds, groupIds, networkInterfaceIds,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp, dnsEntries);
    }

    public VpcEndpoint withInterfaces(List<String> subnets, List<String> interfaces) {
        return new VpcEndpoint(id, vpcId, serviceName, type, state, policyDocument, routeTableIds, subnets, groupIds, interfaces,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp, dnsEntries);
    }

    public VpcEndpoint withGroupIds(List<String> groups) {
        return new VpcEndpoint(id, vpcId, serviceName, type, state, policyDocument, routeTableIds, subnetIds, groups, networkInterfaceIds,
                privateDnsEnabled, ipAddressType, dnsRecordIpType, privateDnsOnlyForInboundResolverEndpoint, dnsSuffix, creationTimestamp, dnsEntries);
    }

    public VpcEndpoint withDns(boolean privateDns, String recordIpType, boolean inboundResolverOnly) {
        return new VpcEndpoint(id, vpcId, serviceName, type, state, policyDocument, routeTableIds, subnetIds, groupIds, networkInterfaceIds,
                privateDns, ipAddressType, recordIpType, inboundResolverOnly, dnsSuffix, creationTimestamp, dnsEntries);
    }
}
