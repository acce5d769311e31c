package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.SecurityGroupRule;

/** The route or rule that decided a hop, kept whole so the Network Insights API can show it in AWS's shapes. */
public sealed interface MatchedRule {

    /** A route of a route table, with its state when it was used. */
    record RouteMatch(Route route, String state) implements MatchedRule {
        public RouteMatch {
            requireNonNull(route, "route is null");
            requireNonNull(state, "state is null");
        }
    }

    /** A rule of a security group. */
    record SecurityGroupRuleMatch(String groupId, SecurityGroupRule rule) implements MatchedRule {
        public SecurityGroupRuleMatch {
            requireNonNull(groupId, "groupId is null");
            requireNonNull(rule, "rule is null");
        }
    }

    /** An entry of a network ACL (the {@code *} default entry included). */
    record AclRuleMatch(String networkAclId, NetworkAclEntry entry) implements MatchedRule {
        public AclRuleMatch {
            requireNonNull(networkAclId, "networkAclId is null");
            requireNonNull(entry, "entry is null");
        }
    }
}
