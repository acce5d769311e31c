package dev.backlane.core.network;

import dev.backlane.core.model.NetworkAclEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of the network ACL FIS's {@code aws:network:disrupt-connectivity} puts on a subnet: a clone of the
 * subnet's own ACL with a deny entry, ahead of every cloned entry, for each CIDR of the scope in each direction (all
 * protocols; outbound to the CIDR, inbound from it). AWS does not document the numbering; Backlane numbers the deny
 * entries from 1 and keeps the cloned entries' numbers when they all come after them, or else renumbers the cloned
 * entries in their order right after the deny entries, so that the denials always decide first and the cloned rules
 * keep their order. The {@code *} rules are kept as they are.
 */
public final class DisruptionAclEntries {
    private DisruptionAclEntries() {}

    /** The clone of {@code original} denying {@code cidrs} (IPv4 or IPv6), egress entries first, each direction by rule number. */
    public static List<NetworkAclEntry> denying(List<NetworkAclEntry> original, List<String> cidrs) {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (boolean egress : new boolean[] {true, false}) {
            int rule = 1;
            for (String cidr : cidrs) {
                boolean ipv6 = cidr.contains(":");
                entries.add(new NetworkAclEntry(rule++, egress, "-1", "deny", ipv6 ? null : cidr, ipv6 ? cidr : null, null, null, null, null));
            }
            List<NetworkAclEntry> cloned = original.stream().filter(entry -> entry.egress() == egress && !entry.isDefaultRule())
                    .sorted((left, right) -> Integer.compare(left.ruleNumber(), right.ruleNumber())).toList();
            int firstFree = rule;
            boolean keepNumbers = cloned.stream().allMatch(entry -> entry.ruleNumber() >= firstFree);
            for (NetworkAclEntry entry : cloned) {
                entries.add(keepNumbers ? entry : renumbered(entry, rule));
                rule++;
            }
            original.stream().filter(entry -> entry.egress() == egress && entry.isDefaultRule()).forEach(entries::add);
        }
        return entries;
    }

    /** How many entries, the {@code *} rules aside, the ACL has in one direction: what the entry quota counts. */
    public static long count(List<NetworkAclEntry> entries, boolean egress) {
        return entries.stream().filter(entry -> entry.egress() == egress && !entry.isDefaultRule()).count();
    }

    private static NetworkAclEntry renumbered(NetworkAclEntry entry, int ruleNumber) {
        return new NetworkAclEntry(ruleNumber, entry.egress(), entry.protocol(), entry.ruleAction(), entry.cidrBlock(), entry.ipv6CidrBlock(),
                entry.icmpType(), entry.icmpCode(), entry.fromPort(), entry.toPort());
    }
}
