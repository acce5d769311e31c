package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.integer;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.SecurityGroupRuleLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SecurityGroups of describe-security-groups. Each permission becomes one rule per peer (IPv4 range,
 * IPv6 range, prefix list, group), as DescribeSecurityGroupRules shows them. describe-security-groups
 * carries no rule IDs, so a peer's {@code SecurityGroupRuleId} is used when present and otherwise a
 * stable ID is derived from the rule ({@link SecurityGroupRuleIds}), the same on every import.
 */
final class SecurityGroupImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "GroupId");
        String vpcId = text(item, "VpcId");
        if (id == null || vpcId == null) {
            context.note("a security group without GroupId or VpcId (EC2-Classic) is skipped");
            return;
        }
        List<SecurityGroupRule> rules = new ArrayList<>();
        permissions(id, item, "IpPermissions", false, rules);
        permissions(id, item, "IpPermissionsEgress", true, rules);
        SecurityGroup group = context.put(ResourceTypes.SECURITY_GROUP,
                new SecurityGroup(id, text(item, "GroupName", id), text(item, "Description", ""), vpcId, rules), item);
        for (SecurityGroupRule rule : group.rules()) {
            context.put(ResourceTypes.SECURITY_GROUP_RULE, new SecurityGroupRuleLocator(rule.id(), id, vpcId));
        }
    }

    private static void permissions(String groupId, JsonNode item, String field, boolean egress, List<SecurityGroupRule> rules) {
        for (JsonNode permission : items(item, field)) {
            String protocol = text(permission, "IpProtocol", "-1");
            Integer from = integer(permission, "FromPort");
            Integer to = integer(permission, "ToPort");
            int fromPort = from == null ? -1 : from;
            int toPort = to == null ? -1 : to;
            for (JsonNode range : items(permission, "IpRanges")) {
                add(rules, groupId, range, text(range, "CidrIp"), cidr -> new SecurityGroupRule("", egress, protocol, fromPort, toPort, cidr, null, null, null,
                        null, text(range, "Description")));
            }
            for (JsonNode range : items(permission, "Ipv6Ranges")) {
                add(rules, groupId, range, text(range, "CidrIpv6"), cidr -> new SecurityGroupRule("", egress, protocol, fromPort, toPort, null, cidr, null,
                        null, null, text(range, "Description")));
            }
            for (JsonNode list : items(permission, "PrefixListIds")) {
                add(rules, groupId, list, text(list, "PrefixListId"), id -> new SecurityGroupRule("", egress, protocol, fromPort, toPort, null, null, id,
                        null, null, text(list, "Description")));
            }
            for (JsonNode pair : items(permission, "UserIdGroupPairs")) {
                add(rules, groupId, pair, text(pair, "GroupId"), id -> new SecurityGroupRule("", egress, protocol, fromPort, toPort, null, null, null,
                        id, text(pair, "UserId"), text(pair, "Description")));
            }
        }
    }

    /** Adds the rule made of the entry's peer; an entry without its CIDR, prefix list or group grants nothing and is left out. */
    private static void add(List<SecurityGroupRule> rules, String groupId, JsonNode peer, String peerValue,
            Function<String, SecurityGroupRule> rule) {
        if (peerValue == null) {
            return;
        }
        SecurityGroupRule withoutId = rule.apply(peerValue);
        if (rules.stream().anyMatch(existing -> existing.sameGrantAs(withoutId))) {
            return;
        }
        String given = text(peer, "SecurityGroupRuleId");
        rules.add(withoutId.withId(given != null ? given : SecurityGroupRuleIds.derive(groupId, withoutId)));
    }
}
