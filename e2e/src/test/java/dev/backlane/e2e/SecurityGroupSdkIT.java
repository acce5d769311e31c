package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.assertDryRunSucceeds;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Security groups and their rules through the SDK. */
class SecurityGroupSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void everyVpcHasADefaultGroupThatCannotBeDeleted() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        List<SecurityGroup> groups = ec2.describeSecurityGroups(r -> r.filters(filter("vpc-id", vpcId))).securityGroups();
        assertEquals(1, groups.size());
        SecurityGroup group = groups.get(0);
        assertEquals("default", group.groupName());
        assertEquals(List.of(group.groupId()), group.ipPermissions().get(0).userIdGroupPairs().stream().map(UserIdGroupPair::groupId).toList(),
                "the default group admits its own members");
        assertEquals("0.0.0.0/0", group.ipPermissionsEgress().get(0).ipRanges().get(0).cidrIp());
        assertAwsError("CannotDelete", () -> ec2.deleteSecurityGroup(r -> r.groupId(group.groupId())));
    }

    @Test
    void rulesAreAuthorizedDescribedAndRevoked() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String web = ec2.createSecurityGroup(r -> r.groupName("web").description("web tier").vpcId(vpcId)).groupId();
        String db = ec2.createSecurityGroup(r -> r.groupName("db").description("db tier").vpcId(vpcId)).groupId();
        assertTrue(web.matches("sg-[0-9a-f]{17}"), web);
        assertAwsError("InvalidGroup.Duplicate", () -> ec2.createSecurityGroup(r -> r.groupName("web").description("again").vpcId(vpcId)));

        IpPermission https = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("anyone").build()).build();
        List<SecurityGroupRule> added = ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(https)).securityGroupRules();
        assertEquals(1, added.size());
        assertTrue(added.get(0).securityGroupRuleId().matches("sgr-[0-9a-f]{17}"), added.get(0).securityGroupRuleId());
        assertAwsError("InvalidPermission.Duplicate", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(https)));
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(db).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(5432).toPort(5432)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(web).build()).build()));
        assertAwsError("InvalidGroup.NotFound", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0").ipPermissions(https)));
        assertAwsError("InvalidParameterValue", () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(web)
                .ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                        .ipRanges(IpRange.builder().cidrIp("10.0.0.0/33").build()).build())));

        SecurityGroup described = ec2.describeSecurityGroups(r -> r.groupIds(web)).securityGroups().get(0);
        assertEquals(account.id(), described.ownerId());
        assertEquals(1, described.ipPermissions().size());
        assertEquals(443, described.ipPermissions().get(0).fromPort());
        assertEquals("anyone", described.ipPermissions().get(0).ipRanges().get(0).description());
        assertEquals(Set.of(web), ids(ec2, filter("ip-permission.from-port", "443")));
        assertEquals(Set.of(web), ids(ec2, filter("ip-permission.cidr", "0.0.0.0/0"), filter("vpc-id", vpcId)));
        assertEquals(Set.of(db), ids(ec2, filter("ip-permission.group-id", web)));
        assertEquals(Set.of(web, db), ids(ec2, filter("vpc-id", vpcId), filter("group-name", "web", "d?")));
        assertEquals(Set.of(web), ids(ec2, filter("description", "web*")));

        List<SecurityGroupRule> rules = ec2.describeSecurityGroupRules(r -> r.filters(filter("group-id", web))).securityGroupRules();
        assertEquals(2, rules.size(), "the https rule and the default egress rule: " + rules);
        assertEquals(1, rules.stream().filter(SecurityGroupRule::isEgress).count());

        assertAwsError("DependencyViolation", () -> ec2.deleteSecurityGroup(r -> r.groupId(web)));
        assertDryRunSucceeds(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(https).dryRun(true)));
        ec2.revokeSecurityGroupIngress(r -> r.groupId(web).securityGroupRuleIds(added.get(0).securityGroupRuleId()));
        assertEquals(List.of(), ec2.describeSecurityGroups(r -> r.groupIds(web)).securityGroups().get(0).ipPermissions());
        ec2.deleteSecurityGroup(r -> r.groupId(db));
        ec2.deleteSecurityGroup(r -> r.groupId(web));
        assertAwsError("InvalidGroup.NotFound", () -> ec2.describeSecurityGroups(r -> r.groupIds(web)));
        assertAwsError("InvalidGroupId.Malformed", () -> ec2.describeSecurityGroups(r -> r.groupIds("sg-nope")));
    }

    @Test
    void groupNamesAreScopedToTheirVpc() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String first = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String second = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        ec2.createSecurityGroup(r -> r.groupName("app").description("app").vpcId(first));
        ec2.createSecurityGroup(r -> r.groupName("app").description("app").vpcId(second));
        assertEquals(2, ec2.describeSecurityGroups(r -> r.filters(filter("group-name", "app"))).securityGroups().size());
        assertAwsError("InvalidParameterValue", () -> ec2.createSecurityGroup(r -> r.groupName("sg-looks-like-an-id").description("x").vpcId(first)));
        assertAwsError("InvalidVpcID.NotFound", () -> ec2.createSecurityGroup(r -> r.groupName("x").description("x").vpcId("vpc-0123456789abcdef0")));
    }

    private static Set<String> ids(Ec2Client ec2, software.amazon.awssdk.services.ec2.model.Filter... filters) {
        return ec2.describeSecurityGroups(r -> r.filters(filters)).securityGroups().stream().map(SecurityGroup::groupId).collect(Collectors.toSet());
    }
}
