package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A VPC: its primary IPv4 CIDR and the CIDR associations (primary first), IPv6 associations, DNS and
 * metrics attributes. Its main route table, default security group and default network ACL are their
 * own resources, created with it.
 */
public record Vpc(
        String id,
        String cidrBlock,
        List<CidrAssociation> cidrAssociations,
        List<CidrAssociation> ipv6CidrAssociations,
        String dhcpOptionsId,
        String instanceTenancy,
        boolean isDefault,
        String state,
        boolean enableDnsSupport,
        boolean enableDnsHostnames,
        boolean enableNetworkAddressUsageMetrics) implements Resource {

    public Vpc {
        requireNonNull(id, "id is null");
        requireNonNull(cidrBlock, "cidrBlock is null");
        cidrAssociations = List.copyOf(requireNonNull(cidrAssociations, "cidrAssociations is null"));
        ipv6CidrAssociations = List.copyOf(requireNonNull(ipv6CidrAssociations, "ipv6CidrAssociations is null"));
        requireNonNull(dhcpOptionsId, "dhcpOptionsId is null");
        requireNonNull(instanceTenancy, "instanceTenancy is null");
        requireNonNull(state, "state is null");
    }

    /** The IPv4 CIDRs currently associated (state {@code associated}). */
    public List<String> associatedCidrs() {
        return cidrAssociations.stream().filter(CidrAssociation::isAssociated).map(CidrAssociation::cidrBlock).toList();
    }

    public List<String> associatedIpv6Cidrs() {
        return ipv6CidrAssociations.stream().filter(CidrAssociation::isAssociated).map(CidrAssociation::cidrBlock).toList();
    }

    public Vpc withCidrAssociations(List<CidrAssociation> associations) {
        return new Vpc(id, cidrBlock, associations, ipv6CidrAssociations, dhcpOptionsId, instanceTenancy, isDefault, state,
                enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics);
    }

    public Vpc withIpv6CidrAssociations(List<CidrAssociation> associations) {
        return new Vpc(id, cidrBlock, cidrAssociations, associations, dhcpOptionsId, instanceTenancy, isDefault, state,
                enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics);
    }

    public Vpc withAttributes(boolean dnsSupport, boolean dnsHostnames, boolean networkAddressUsageMetrics) {
        return new Vpc(id, cidrBlock, cidrAssociations, ipv6CidrAssociations, dhcpOptionsId, instanceTenancy, isDefault, state,
                dnsSupport, dnsHostnames, networkAddressUsageMetrics);
    }
}
