package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * One rule of a security group, as DescribeSecurityGroupRules shows it: a direction, a protocol
 * ({@code -1} for all, or {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, or a number), a port
 * range (ICMP type and code for ICMP; -1 for all) and exactly one peer: an IPv4 or IPv6 CIDR, a prefix
 * list or a referenced group.
 */
public record SecurityGroupRule(
        String id,
        boolean egress,
        String ipProtocol,
        int fromPort,
        int toPort,
        String cidrIpv4,
        String cidrIpv6,
        String prefixListId,
        String referencedGroupId,
        String referencedGroupOwnerId,
        String description) {

    /** What the rule's one peer is; {@link #peer()} gives its value. */
    public enum PeerKind {
        IPV4_CIDR, IPV6_CIDR, PREFIX_LIST, SECURITY_GROUP
    }

    public SecurityGroupRule {
        requireNonNull(id, "id is null");
        requireNonNull(ipProtocol, "ipProtocol is null");
        int peers = (cidrIpv4 == null ? 0 : 1) + (cidrIpv6 == null ? 0 : 1) + (prefixListId == null ? 0 : 1) + (referencedGroupId == null ? 0 : 1);
        if (peers != 1) {
            throw new IllegalArgumentException("a security group rule has exactly one peer, not " + peers + ": " + id);
        }
    }

    public PeerKind peerKind() {
        if (cidrIpv4 != null) {
            return PeerKind.IPV4_CIDR;
        }
        if (cidrIpv6 != null) {
            return PeerKind.IPV6_CIDR;
        }
        return prefixListId != null ? PeerKind.PREFIX_LIST : PeerKind.SECURITY_GROUP;
    }

    /** The peer as AWS writes it: the CIDR, the prefix list ID or the referenced group's ID. */
    public String peer() {
        return switch (peerKind()) {
            case IPV4_CIDR -> cidrIpv4;
            case IPV6_CIDR -> cidrIpv6;
            case PREFIX_LIST -> prefixListId;
            case SECURITY_GROUP -> referencedGroupId;
        };
    }

    /** Whether the two rules grant the same thing (same direction, protocol, ports and peer), whatever their IDs and descriptions. */
    public boolean sameGrantAs(SecurityGroupRule other) {
        return egress == other.egress && ipProtocol.equals(other.ipProtocol) && fromPort == other.fromPort && toPort == other.toPort
                && java.util.Objects.equals(cidrIpv4, other.cidrIpv4) && java.util.Objects.equals(cidrIpv6, other.cidrIpv6)
                && java.util.Objects.equals(prefixListId, other.prefixListId)
                && java.util.Objects.equals(referencedGroupId, other.referencedGroupId);
    }

    public SecurityGroupRule withId(String newId) {
        return new SecurityGroupRule(newId, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId, referencedGroupId,
                referencedGroupOwnerId, description);
    }

    public SecurityGroupRule withDescription(String newDescription) {
        return new SecurityGroupRule(id, egress, ipProtocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId, referencedGroupId,
                referencedGroupOwnerId, newDescription);
    }
}
