package dev.backlane.server.api.ec2;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.model.SecurityGroupRuleLocator;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SecurityGroupPermission;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterContext;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Security groups and their rules: create, delete, describe, authorise, revoke, modify and describe rules. */
public final class SecurityGroupOperations implements OperationFamily {
    private static final FilterSet<SecurityGroup> GROUP_FILTERS = groupFilters();
    private static final FilterSet<SecurityGroupRuleLocator> RULE_FILTERS = FilterSet.<SecurityGroupRuleLocator>builder()
            .add("group-id", SecurityGroupRuleLocator::groupId)
            .add("security-group-rule-id", SecurityGroupRuleLocator::id)
            .build();

    private final SecurityGroupCommands commands;
    private final Describer<SecurityGroup> groups = new Describer<>(ResourceTypes.SECURITY_GROUP, "GroupIds", "groupIds", GROUP_FILTERS);
    private final Describer<SecurityGroupRuleLocator> rules =
            new Describer<>(ResourceTypes.SECURITY_GROUP_RULE, "SecurityGroupRuleIds", "securityGroupRuleIds", RULE_FILTERS);

    public SecurityGroupOperations(SecurityGroupCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateSecurityGroup", this::createSecurityGroup)
                .ec2("DeleteSecurityGroup", this::deleteSecurityGroup)
                .ec2("DescribeSecurityGroups", this::describeSecurityGroups)
                .ec2("AuthorizeSecurityGroupIngress", call -> authorize(call, false))
                .ec2("AuthorizeSecurityGroupEgress", call -> authorize(call, true))
                .ec2("RevokeSecurityGroupIngress", call -> revoke(call, false))
                .ec2("RevokeSecurityGroupEgress", call -> revoke(call, true))
                .ec2("DescribeSecurityGroupRules", this::describeSecurityGroupRules)
                .ec2("ModifySecurityGroupRules", this::modifySecurityGroupRules)
                .ec2("UpdateSecurityGroupRuleDescriptionsIngress", call -> updateDescriptions(call, false))
                .ec2("UpdateSecurityGroupRuleDescriptionsEgress", call -> updateDescriptions(call, true));
    }

    private Map<String, Object> createSecurityGroup(Call call) {
        Input input = call.input();
        SecurityGroupCommands.CreateGroup request =
                new SecurityGroupCommands.CreateGroup(input.string("GroupName"), input.string("Description"), input.string("VpcId"));
        return call.write(transaction -> {
            SecurityGroup group = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, group.id(), ResourceTypes.SECURITY_GROUP);
            return Output.create()
                    .put("GroupId", group.id())
                    .put("Tags", TagShapes.tagSet(transaction, group.id()))
                    .put("SecurityGroupArn", group.arn(call.scope()))
                    .build();
        });
    }

    private Map<String, Object> deleteSecurityGroup(Call call) {
        Input input = call.input();
        return call.write(transaction -> {
            String id = commands.delete(transaction, input.string("GroupId"), input.string("GroupName"));
            return Output.create().put("Return", true).put("GroupId", id).build();
        });
    }

    private Map<String, Object> describeSecurityGroups(Call call) {
        List<String> names = call.input().strings("GroupNames");
        ScopeState state = call.read();
        Set<String> named = new HashSet<>();
        if (!names.isEmpty()) {
            Vpc defaultVpc = state.all(ResourceTypes.VPC).stream().filter(Vpc::isDefault).findFirst()
                    .orElseThrow(() -> AwsException.of(ErrorCode.VPC_ID_NOT_SPECIFIED, "No default VPC for this user"));
            for (String name : names) {
                SecurityGroup group = state.all(ResourceTypes.SECURITY_GROUP).stream()
                        .filter(candidate -> candidate.vpcId().equals(defaultVpc.id()) && candidate.name().equals(name)).findFirst()
                        .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_GROUP_NOT_FOUND,
                                "The security group '%s' does not exist in default VPC '%s'", name, defaultVpc.id()));
                named.add(group.id());
            }
        }
        Page<SecurityGroup> page = groups.describe(call, group -> names.isEmpty() || named.contains(group.id()));
        return Output.create()
                .put("SecurityGroups", page.items().stream().map(group -> SecurityGroupShapes.group(group, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> authorize(Call call, boolean egress) {
        Input input = call.input();
        List<SecurityGroupPermission> permissions = SecurityGroupInputs.permissions(input);
        return call.write(transaction -> {
            SecurityGroup group = egress
                    ? transaction.get(ResourceTypes.SECURITY_GROUP, input.requiredString("GroupId", "GroupId"))
                    : commands.resolve(transaction, input.string("GroupId"), input.string("GroupName"));
            List<SecurityGroupRule> added = commands.authorize(transaction, group.id(), egress, permissions);
            for (SecurityGroupRule rule : added) {
                TagInputs.applySpecifications(transaction, input, Map.of(ResourceTypes.SECURITY_GROUP_RULE.name(), rule.id()),
                        ResourceTypes.SECURITY_GROUP_RULE.name());
            }
            ScopeState state = transaction.state();
            return Output.create()
                    .put("Return", true)
                    .put("SecurityGroupRules", added.stream().map(rule -> SecurityGroupShapes.rule(rule, group.id(), call.scope(), state)).toList())
                    .build();
        });
    }

    private Map<String, Object> revoke(Call call, boolean egress) {
        Input input = call.input();
        List<SecurityGroupPermission> permissions = SecurityGroupInputs.permissions(input);
        List<String> ruleIds = input.strings("SecurityGroupRuleIds");
        return call.write(transaction -> {
            SecurityGroup group = egress
                    ? transaction.get(ResourceTypes.SECURITY_GROUP, input.requiredString("GroupId", "GroupId"))
                    : commands.resolve(transaction, input.string("GroupId"), input.string("GroupName"));
            SecurityGroupCommands.Revoked revoked = commands.revoke(transaction, group.id(), egress, permissions, ruleIds);
            return Output.create()
                    .put("Return", true)
                    .put("UnknownIpPermissions", revoked.unknown().isEmpty() ? null : SecurityGroupShapes.unknownPermissions(revoked.unknown()))
                    .put("RevokedSecurityGroupRules", revoked.rules().stream().map(rule -> SecurityGroupShapes.revokedRule(rule, group.id())).toList())
                    .build();
        });
    }

    private Map<String, Object> describeSecurityGroupRules(Call call) {
        Page<SecurityGroupRuleLocator> page = rules.describe(call);
        ScopeState state = call.read();
        List<Map<String, Object>> described = new ArrayList<>();
        for (SecurityGroupRuleLocator locator : page.items()) {
            state.find(ResourceTypes.SECURITY_GROUP, locator.groupId()).flatMap(group -> group.rules().stream()
                    .filter(rule -> rule.id().equals(locator.id())).findFirst())
                    .ifPresent(rule -> described.add(SecurityGroupShapes.rule(rule, locator.groupId(), call.scope(), state)));
        }
        return Output.create().put("SecurityGroupRules", described).put("NextToken", page.nextToken()).build();
    }

    private Map<String, Object> modifySecurityGroupRules(Call call) {
        Input input = call.input();
        String groupId = input.requiredString("GroupId", "GroupId");
        List<SecurityGroupCommands.RuleUpdate> updates = new ArrayList<>();
        for (Input update : input.structures("SecurityGroupRules")) {
            Input rule = update.structure("SecurityGroupRule");
            if (rule == null) {
                throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter SecurityGroupRule");
            }
            updates.add(new SecurityGroupCommands.RuleUpdate(update.string("SecurityGroupRuleId"), rule.string("IpProtocol"), rule.integer("FromPort"),
                    rule.integer("ToPort"), rule.string("CidrIpv4"), rule.string("CidrIpv6"), rule.string("PrefixListId"),
                    rule.string("ReferencedGroupId"), rule.string("Description")));
        }
        return call.write(transaction -> {
            commands.modifyRules(transaction, groupId, updates);
            return Output.of("Return", true);
        });
    }

    private Map<String, Object> updateDescriptions(Call call, boolean egress) {
        Input input = call.input();
        List<SecurityGroupPermission> permissions = new ArrayList<>();
        input.structures("IpPermissions").forEach(permission -> permissions.add(SecurityGroupInputs.permission(permission)));
        Map<String, String> byRuleId = new LinkedHashMap<>();
        for (Input description : input.structures("SecurityGroupRuleDescriptions")) {
            byRuleId.put(description.string("SecurityGroupRuleId"), Objects.requireNonNullElse(description.string("Description"), ""));
        }
        return call.write(transaction -> {
            SecurityGroup group = commands.resolve(transaction, input.string("GroupId"), input.string("GroupName"));
            commands.updateDescriptions(transaction, group.id(), egress, permissions, byRuleId);
            return Output.of("Return", true);
        });
    }

    private static FilterSet<SecurityGroup> groupFilters() {
        FilterSet.Builder<SecurityGroup> builder = FilterSet.<SecurityGroup>builder()
                .add("description", SecurityGroup::description)
                .add("group-id", SecurityGroup::id)
                .addName("group-name", SecurityGroup::name)
                .add("owner-id", (group, context) -> context.scope().account())
                .add("vpc-id", SecurityGroup::vpcId);
        for (boolean egress : new boolean[] {false, true}) {
            String prefix = egress ? "egress.ip-permission." : "ip-permission.";
            builder.add(prefix + "cidr", ruleValues(egress, SecurityGroupRule::cidrIpv4))
                    .add(prefix + "ipv6-cidr", ruleValues(egress, SecurityGroupRule::cidrIpv6))
                    .add(prefix + "prefix-list-id", ruleValues(egress, SecurityGroupRule::prefixListId))
                    .add(prefix + "group-id", ruleValues(egress, SecurityGroupRule::referencedGroupId))
                    .add(prefix + "user-id", ruleValues(egress, SecurityGroupRule::referencedGroupOwnerId))
                    .add(prefix + "protocol", ruleValues(egress, SecurityGroupRule::ipProtocol))
                    .add(prefix + "from-port", ruleValues(egress, rule -> Integer.toString(rule.fromPort())))
                    .add(prefix + "to-port", ruleValues(egress, rule -> Integer.toString(rule.toPort())))
                    .add(prefix + "group-name", (group, context) -> referencedNames(group, egress, context));
        }
        return builder.build();
    }

    private static Function<SecurityGroup, Object> ruleValues(boolean egress, Function<SecurityGroupRule, String> field) {
        return group -> group.rules().stream().filter(rule -> rule.egress() == egress).map(field).filter(Objects::nonNull).toList();
    }

    private static Object referencedNames(SecurityGroup group, boolean egress, FilterContext context) {
        return group.rules().stream()
                .filter(rule -> rule.egress() == egress && rule.referencedGroupId() != null)
                .map(rule -> context.state().find(ResourceTypes.SECURITY_GROUP, rule.referencedGroupId()).map(SecurityGroup::name).orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }
}
