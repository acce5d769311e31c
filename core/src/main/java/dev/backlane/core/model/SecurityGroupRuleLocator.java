package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * Where a security group rule lives: rules are kept inside their {@link SecurityGroup}, and this entry
 * makes a rule ID ({@code sgr-...}) a resource of its own, so tags, DescribeSecurityGroupRules and ID
 * checks find it like any other kind. It goes with its group, and with the VPC when the group does.
 */
public record SecurityGroupRuleLocator(String id, String groupId, String vpcId) implements Resource, InVpc {
    public SecurityGroupRuleLocator {
        requireNonNull(id, "id is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(vpcId, "vpcId is null");
    }

    /** A rule never keeps its VPC alive by itself: its group does, and DeleteVpc judges the group. */
    @Override
    public boolean isVpcDefault() {
        return true;
    }
}
