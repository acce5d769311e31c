package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A security group of a VPC with its rules, ingress and egress together, in the order they were added. */
public record SecurityGroup(String id, String name, String description, String vpcId, List<SecurityGroupRule> rules) implements Resource, InVpc, Named {

    @Override
    public boolean isVpcDefault() {
        return isDefault();
    }

    public SecurityGroup {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(vpcId, "vpcId is null");
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    public boolean isDefault() {
        return name.equals("default");
    }

    public String arn(Scope scope) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":security-group/" + id;
    }

    public SecurityGroup withRules(List<SecurityGroupRule> newRules) {
        return new SecurityGroup(id, name, description, vpcId, newRules);
    }
}
