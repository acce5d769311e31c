package dev.backlane.core.network;

import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * What AWS creates with every VPC, in the same command: the main route table with its local routes,
 * the default security group (ingress from itself, egress to anywhere) and the default network ACL
 * (rule 100 allows and rule {@code *} denies, both directions, for IPv4 and, when the VPC has it, IPv6).
 */
public final class VpcDefaults {
    private VpcDefaults() {}

    public static void create(Transaction transaction, Vpc vpc) {
        String routeTableId = transaction.newId(ResourceTypes.ROUTE_TABLE);
        List<Route> routes = new ArrayList<>();
        routes.add(Route.local(vpc.cidrBlock(), false));
        vpc.associatedIpv6Cidrs().forEach(cidr -> routes.add(Route.local(cidr, true)));
        transaction.put(ResourceTypes.ROUTE_TABLE, new RouteTable(routeTableId, vpc.id(), routes,
                List.of(new RouteTableAssociation(transaction.ids().next("rtbassoc"), routeTableId, null, null, true, "associated")),
                List.of()));

        String groupId = transaction.newId(ResourceTypes.SECURITY_GROUP);
        List<SecurityGroupRule> rules = new ArrayList<>();
        rules.add(new SecurityGroupRule(transaction.ids().next("sgr"), false, "-1", -1, -1, null, null, null, groupId,
                transaction.account(), null));
        rules.add(new SecurityGroupRule(transaction.ids().next("sgr"), true, "-1", -1, -1, "0.0.0.0/0", null, null, null, null, null));
        if (!vpc.associatedIpv6Cidrs().isEmpty()) {
            rules.add(new SecurityGroupRule(transaction.ids().next("sgr"), true, "-1", -1, -1, null, "::/0", null, null, null, null));
        }
        SecurityGroupRecords.save(transaction, new SecurityGroup(groupId, "default", "default VPC security group", vpc.id(), rules));

        transaction.put(ResourceTypes.NETWORK_ACL, new NetworkAcl(transaction.newId(ResourceTypes.NETWORK_ACL), vpc.id(), true,
                defaultAclEntries(!vpc.associatedIpv6Cidrs().isEmpty(), true), List.of()));
    }

    /** The entries of a default ACL ({@code allowAll}) or of a new custom ACL (deny-all rules only). */
    public static List<NetworkAclEntry> defaultAclEntries(boolean ipv6, boolean allowAll) {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (boolean egress : new boolean[] {true, false}) {
            if (allowAll) {
                entries.add(new NetworkAclEntry(100, egress, "-1", "allow", "0.0.0.0/0", null, null, null, null, null));
                if (ipv6) {
                    entries.add(new NetworkAclEntry(101, egress, "-1", "allow", null, "::/0", null, null, null, null));
                }
            }
            entries.add(new NetworkAclEntry(NetworkAclEntry.DEFAULT_RULE_NUMBER, egress, "-1", "deny", "0.0.0.0/0", null, null, null, null, null));
            if (ipv6) {
                entries.add(new NetworkAclEntry(NetworkAclEntry.DEFAULT_RULE_NUMBER, egress, "-1", "deny", null, "::/0", null, null, null, null));
            }
        }
        return entries;
    }
}
