package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One side of a VPC peering connection: the VPC, its owner and region, the CIDRs it offers the peer,
 * and whether the peer may resolve its private DNS names to private addresses.
 */
public record PeeringVpcInfo(String vpcId, String ownerId, String region, List<String> cidrBlocks, List<String> ipv6CidrBlocks,
        boolean allowDnsResolutionFromRemoteVpc) {

    public PeeringVpcInfo {
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(region, "region is null");
        cidrBlocks = List.copyOf(requireNonNull(cidrBlocks, "cidrBlocks is null"));
        ipv6CidrBlocks = List.copyOf(requireNonNull(ipv6CidrBlocks, "ipv6CidrBlocks is null"));
    }
}
