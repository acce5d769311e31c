package dev.backlane.server.api.ec2;

import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.network.SecurityGroupPermission.Peer;
import dev.backlane.core.network.SecurityGroupProtocols;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security groups as the wire shows them: groups as the {@code SecurityGroup} shape with rules grouped
 * as EC2 groups them (one {@code IpPermission} per protocol and port range), and rules as the
 * {@code SecurityGroupRule} shape. {@link SecurityGroupInputs} reads the permissions of requests.
 */
final class SecurityGroupShapes {
    private SecurityGroupShapes() {}

    static Map<String, Object> group(SecurityGroup group, Scope scope, ScopeState state) {
        return Output.create()
                .put("Description", group.description())
                .put("GroupName", group.name())
                .put("IpPermissions", grouped(group.rules().stream().filter(rule -> !rule.egress()).toList()))
                .put("OwnerId", scope.account())
                .put("GroupId", group.id())
                .put("IpPermissionsEgress", grouped(group.rules().stream().filter(SecurityGroupRule::egress).toList()))
                .put("Tags", TagShapes.tagSet(state, group.id()))
                .put("VpcId", group.vpcId())
                .put("SecurityGroupArn", group.arn(scope))
                .build();
    }

    /** Rules as EC2 lists them: one IpPermission per protocol and port range, its peers in the order the rules were added. */
    static List<Map<String, Object>> grouped(List<SecurityGroupRule> rules) {
        Map<String, List<SecurityGroupRule>> byPermission = new LinkedHashMap<>();
        for (SecurityGroupRule rule : rules) {
            byPermission.computeIfAbsent(rule.ipProtocol() + "/" + rule.fromPort() + "/" + rule.toPort(), ignored -> new ArrayList<>()).add(rule);
        }
        List<Map<String, Object>> permissions = new ArrayList<>();
        for (List<SecurityGroupRule> group : byPermission.values()) {
            SecurityGroupRule first = group.get(0);
            List<Map<String, Object>> ipRanges = new ArrayList<>();
            List<Map<String, Object>> ipv6Ranges = new ArrayList<>();
            List<Map<String, Object>> prefixLists = new ArrayList<>();
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (SecurityGroupRule rule : group) {
                switch (rule.peerKind()) {
                    case IPV4_CIDR -> ipRanges.add(Output.create().put("CidrIp", rule.cidrIpv4()).put("Description", rule.description()).build());
                    case IPV6_CIDR -> ipv6Ranges.add(Output.create().put("CidrIpv6", rule.cidrIpv6()).put("Description", rule.description()).build());
                    case PREFIX_LIST -> prefixLists.add(Output.create().put("PrefixListId", rule.prefixListId())
                            .put("Description", rule.description()).build());
                    case SECURITY_GROUP -> pairs.add(Output.create().put("Description", rule.description()).put("GroupId", rule.referencedGroupId())
                            .put("UserId", rule.referencedGroupOwnerId()).build());
                }
            }
            boolean ports = SecurityGroupProtocols.hasPorts(first.ipProtocol());
            permissions.add(Output.create()
                    .put("IpProtocol", first.ipProtocol())
                    .put("FromPort", ports ? first.fromPort() : null)
                    .put("ToPort", ports ? first.toPort() : null)
                    .put("UserIdGroupPairs", pairs)
                    .put("IpRanges", ipRanges)
                    .put("Ipv6Ranges", ipv6Ranges)
                    .put("PrefixListIds", prefixLists)
                    .build());
        }
        return permissions;
    }

    static Map<String, Object> rule(SecurityGroupRule rule, String groupId, Scope scope, ScopeState state) {
        return Output.create()
                .put("SecurityGroupRuleId", rule.id())
                .put("GroupId", groupId)
                .put("GroupOwnerId", scope.account())
                .put("IsEgress", rule.egress())
                .put("IpProtocol", rule.ipProtocol())
                .put("FromPort", rule.fromPort())
                .put("ToPort", rule.toPort())
                .put("CidrIpv4", rule.cidrIpv4())
                .put("CidrIpv6", rule.cidrIpv6())
                .put("PrefixListId", rule.prefixListId())
                .put("ReferencedGroupInfo", rule.referencedGroupId() == null ? null
                        : Output.create().put("GroupId", rule.referencedGroupId()).put("UserId", rule.referencedGroupOwnerId()).build())
                .put("Description", rule.description())
                .put("Tags", TagShapes.tagSet(state, rule.id()))
                .put("SecurityGroupRuleArn", "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":security-group-rule/" + rule.id())
                .build();
    }

    static Map<String, Object> revokedRule(SecurityGroupRule rule, String groupId) {
        return Output.create()
                .put("SecurityGroupRuleId", rule.id())
                .put("GroupId", groupId)
                .put("IsEgress", rule.egress())
                .put("IpProtocol", rule.ipProtocol())
                .put("FromPort", rule.fromPort())
                .put("ToPort", rule.toPort())
                .put("CidrIpv4", rule.cidrIpv4())
                .put("CidrIpv6", rule.cidrIpv6())
                .put("PrefixListId", rule.prefixListId())
                .put("ReferencedGroupId", rule.referencedGroupId())
                .put("Description", rule.description())
                .build();
    }

    /** Permissions a revoke did not find, echoed back as the request gave them. */
    static List<Map<String, Object>> unknownPermissions(List<SecurityGroupPermission> permissions) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (SecurityGroupPermission permission : permissions) {
            List<Map<String, Object>> ipRanges = new ArrayList<>();
            List<Map<String, Object>> ipv6Ranges = new ArrayList<>();
            List<Map<String, Object>> prefixLists = new ArrayList<>();
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (Peer peer : permission.peers()) {
                switch (peer.kind()) {
                    case CIDR_IPV4 -> ipRanges.add(Output.of("CidrIp", peer.value()));
                    case CIDR_IPV6 -> ipv6Ranges.add(Output.of("CidrIpv6", peer.value()));
                    case PREFIX_LIST -> prefixLists.add(Output.of("PrefixListId", peer.value()));
                    case GROUP_ID -> pairs.add(Output.create().put("GroupId", peer.value()).put("UserId", peer.userId()).build());
                    case GROUP_NAME -> pairs.add(Output.create().put("GroupName", peer.value()).put("UserId", peer.userId()).build());
                }
            }
            result.add(Output.create().put("IpProtocol", permission.ipProtocol()).put("FromPort", permission.fromPort())
                    .put("ToPort", permission.toPort()).put("IpRanges", ipRanges).put("Ipv6Ranges", ipv6Ranges)
                    .put("PrefixListIds", prefixLists).put("UserIdGroupPairs", pairs).build());
        }
        return result;
    }
}
