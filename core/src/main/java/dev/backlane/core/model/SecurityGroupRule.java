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

    public SecurityGroupRule {
        requireNonNull(id, "id is null");
        requireNonNull(ipProtocol, "ipProtocol is null");
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
