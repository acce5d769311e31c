package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityGroupOperationsTest {
    private final TestApi api = new TestApi();

    private String defaultVpc() {
        return api.ec2("DescribeVpcs", "Filter.1.Name", "is-default", "Filter.1.Value.1", "true").text("//vpcSet/item/vpcId");
    }

    private String createGroup(String name) {
        return api.ec2("CreateSecurityGroup", "GroupName", name, "GroupDescription", "test group").assertOk().text("//groupId");
    }

    @Test
    void newGroupLandsInDefaultVpcWithOneAllowAllEgressRule() {
        TestApi.Response created = api.ec2("CreateSecurityGroup", "GroupName", "web", "GroupDescription", "web servers",
                "TagSpecification.1.ResourceType", "security-group", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "web").assertOk();
        String groupId = created.text("//groupId");
        assertTrue(groupId.matches("sg-[0-9a-f]{17}"), groupId);
        assertEquals("arn:aws:ec2:us-east-1:000000000000:security-group/" + groupId, created.text("//securityGroupArn"));
        TestApi.Response described = api.ec2("DescribeSecurityGroups", "GroupId.1", groupId).assertOk();
        assertEquals(defaultVpc(), described.text("//securityGroupInfo/item/vpcId"));
        assertEquals("web servers", described.text("//securityGroupInfo/item/groupDescription"));
        assertEquals("000000000000", described.text("//securityGroupInfo/item/ownerId"));
        assertEquals(List.of("-1"), described.texts("//ipPermissionsEgress/item/ipProtocol"));
        assertEquals(List.of("0.0.0.0/0"), described.texts("//ipPermissionsEgress/item/ipRanges/item/cidrIp"));
        assertNull(described.text("//ipPermissionsEgress/item/fromPort"), "all-protocol rules show no ports");
        assertTrue(described.texts("//ipPermissions/item").isEmpty());
        assertEquals("web", described.text("//securityGroupInfo/item/tagSet/item[key='Name']/value"));
    }

    @Test
    void namesAreUniquePerVpcReservedAndNotIds() {
        createGroup("app");
        TestApi.Response duplicate = api.ec2("CreateSecurityGroup", "GroupName", "app", "GroupDescription", "x").assertError("InvalidGroup.Duplicate");
        assertEquals("The security group 'app' already exists for VPC '" + defaultVpc() + "'", duplicate.text("//Message"));
        String otherVpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        api.ec2("CreateSecurityGroup", "GroupName", "app", "GroupDescription", "x", "VpcId", otherVpc).assertOk();
        api.ec2("CreateSecurityGroup", "GroupName", "default", "GroupDescription", "x").assertError("InvalidGroup.Reserved");
        api.ec2("CreateSecurityGroup", "GroupName", "sg-123", "GroupDescription", "x").assertError("InvalidParameterValue");
        TestApi.Response nonAscii = api.ec2("CreateSecurityGroup", "GroupName", "n", "GroupDescription", "caf\u00e9").assertError("InvalidParameterValue");
        assertTrue(nonAscii.text("//Message").contains("GroupDescription"), nonAscii.body());
        api.ec2("CreateSecurityGroup", "GroupName", "n", "GroupDescription", "x".repeat(256)).assertError("InvalidParameterValue");
        api.ec2("CreateSecurityGroup", "GroupName", "n").assertError("MissingParameter");
        api.ec2("CreateSecurityGroup", "GroupName", "n", "GroupDescription", "x", "VpcId", "vpc-12345678").assertError("InvalidVpcID.NotFound");
        api.ec2("CreateSecurityGroup", "GroupName", "n", "GroupDescription", "x", "ClientToken", "t").assertError("UnknownParameter");
    }

    @Test
    void authorizeReturnsRulesWithIdsAndDescribeGroupsThemByProtocolAndPorts() {
        String groupId = createGroup("grouped");
        String peerId = createGroup("peer");
        TestApi.Response authorized = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId,
                "IpPermissions.1.IpProtocol", "TCP", "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8", "IpPermissions.1.IpRanges.1.Description", "office",
                "IpPermissions.1.IpRanges.2.CidrIp", "192.168.0.0/16",
                "IpPermissions.1.Groups.1.GroupId", peerId,
                "IpPermissions.2.IpProtocol", "6", "IpPermissions.2.FromPort", "22", "IpPermissions.2.ToPort", "22",
                "IpPermissions.2.Ipv6Ranges.1.CidrIpv6", "2001:db8::/32",
                "IpPermissions.3.IpProtocol", "udp", "IpPermissions.3.FromPort", "53", "IpPermissions.3.ToPort", "53",
                "IpPermissions.3.IpRanges.1.CidrIp", "10.0.0.0/8").assertOk();
        assertEquals("true", authorized.text("//return"));
        List<String> ruleIds = authorized.texts("//securityGroupRuleSet/item/securityGroupRuleId");
        assertEquals(5, ruleIds.size());
        ruleIds.forEach(id -> assertTrue(id.matches("sgr-[0-9a-f]{17}"), id));
        assertEquals(List.of("tcp", "tcp", "tcp", "tcp", "udp"), authorized.texts("//securityGroupRuleSet/item/ipProtocol"));
        assertEquals(peerId, authorized.text("//securityGroupRuleSet/item/referencedGroupInfo/groupId"));
        assertEquals("false", authorized.text("//securityGroupRuleSet/item/isEgress"));

        TestApi.Response described = api.ec2("DescribeSecurityGroups", "GroupId.1", groupId).assertOk();
        assertEquals(List.of("tcp", "udp"), described.texts("//ipPermissions/item/ipProtocol"));
        assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), described.texts("//ipPermissions/item[ipProtocol='tcp']/ipRanges/item/cidrIp"));
        assertEquals("office", described.text("//ipPermissions/item[ipProtocol='tcp']/ipRanges/item[cidrIp='10.0.0.0/8']/description"));
        assertEquals(List.of("2001:db8::/32"), described.texts("//ipPermissions/item[ipProtocol='tcp']/ipv6Ranges/item/cidrIpv6"));
        assertEquals(peerId, described.text("//ipPermissions/item[ipProtocol='tcp']/groups/item/groupId"));
        assertEquals("000000000000", described.text("//ipPermissions/item[ipProtocol='tcp']/groups/item/userId"));
        assertEquals("22", described.text("//ipPermissions/item[ipProtocol='tcp']/fromPort"));
    }

    @Test
    void duplicateRulesAreRefusedWithAwsMessage() {
        String groupId = createGroup("dup");
        String[] ssh = {"GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "22",
                "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0"};
        api.ec2("AuthorizeSecurityGroupIngress", ssh).assertOk();
        TestApi.Response duplicate = api.ec2("AuthorizeSecurityGroupIngress", ssh).assertError("InvalidPermission.Duplicate");
        assertEquals("the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists", duplicate.text("//Message"));
        TestApi.Response egress = api.ec2("AuthorizeSecurityGroupEgress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0").assertError("InvalidPermission.Duplicate");
        assertEquals("the specified rule \"peer: 0.0.0.0/0, ALL, ALLOW\" already exists", egress.text("//Message"));
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "80",
                "IpPermissions.1.ToPort", "80", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8",
                "IpPermissions.1.IpRanges.2.CidrIp", "10.0.0.0/8").assertError("InvalidParameterValue");
    }

    @Test
    void invalidPermissionsAreRefusedNamingTheProblem() {
        String groupId = createGroup("bad");
        TestApi.Response cidr = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/33")
                .assertError("InvalidParameterValue");
        assertEquals("CIDR block 10.0.0.0/33 is malformed", cidr.text("//Message"));
        TestApi.Response ports = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "80", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8")
                .assertError("InvalidParameterValue");
        assertTrue(ports.text("//Message").contains("portRange"), ports.body());
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "0", "IpPermissions.1.ToPort", "70000", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8")
                .assertError("InvalidParameterValue");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8").assertError("InvalidParameterValue");
        TestApi.Response protocol = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "gre",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8").assertError("InvalidParameterValue");
        assertEquals("Invalid value 'gre' for IP protocol. Unknown protocol.", protocol.text("//Message"));
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "icmp", "IpPermissions.1.FromPort", "300",
                "IpPermissions.1.ToPort", "-1", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8").assertError("InvalidParameterValue");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", "sg-12345678", "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8").assertError("InvalidGroup.NotFound");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.Groups.1.GroupId", "sg-12345678").assertError("InvalidGroup.NotFound");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.PrefixListIds.1.PrefixListId", "pl-12345678").assertError("InvalidPrefixListID.NotFound");
        assertEquals(1, api.ec2("DescribeSecurityGroupRules", "Filter.1.Name", "group-id", "Filter.1.Value.1", groupId)
                .texts("//securityGroupRuleSet/item").size(), "nothing was added by the failed calls");
    }

    @Test
    void hostBitsAreClearedAndNamedProtocolsNormalised() {
        String groupId = createGroup("normal");
        TestApi.Response authorized = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "17",
                "IpPermissions.1.FromPort", "53", "IpPermissions.1.ToPort", "53", "IpPermissions.1.IpRanges.1.CidrIp", "10.1.2.3/16").assertOk();
        assertEquals("10.1.0.0/16", authorized.text("//securityGroupRuleSet/item/cidrIpv4"));
        assertEquals("udp", authorized.text("//securityGroupRuleSet/item/ipProtocol"));
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "udp",
                "IpPermissions.1.FromPort", "53", "IpPermissions.1.ToPort", "53", "IpPermissions.1.IpRanges.1.CidrIp", "10.1.0.0/16")
                .assertError("InvalidPermission.Duplicate");
    }

    @Test
    void legacyTopLevelParametersAuthorizeOneRule() {
        String groupId = createGroup("legacy");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupName", "legacy", "IpProtocol", "tcp", "FromPort", "443", "ToPort", "443",
                "CidrIp", "0.0.0.0/0").assertOk();
        TestApi.Response described = api.ec2("DescribeSecurityGroups", "GroupName.1", "legacy").assertOk();
        assertEquals(groupId, described.text("//securityGroupInfo/item/groupId"));
        assertEquals("443", described.text("//ipPermissions/item/toPort"));
    }

    @Test
    void revokeByPermissionOrRuleIdAndUnknownRulesAreNotFound() {
        String groupId = createGroup("revoke");
        String ruleId = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8",
                "IpPermissions.1.IpRanges.2.CidrIp", "172.16.0.0/12").assertOk().texts("//securityGroupRuleSet/item/securityGroupRuleId").get(1);
        TestApi.Response revoked = api.ec2("RevokeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8",
                "IpPermissions.1.IpRanges.2.CidrIp", "192.168.0.0/16").assertOk();
        assertEquals(List.of("10.0.0.0/8"), revoked.texts("//revokedSecurityGroupRuleSet/item/cidrIpv4"));
        assertEquals(List.of("192.168.0.0/16"), revoked.texts("//unknownIpPermissionSet/item/ipRanges/item/cidrIp"));
        TestApi.Response notFound = api.ec2("RevokeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8")
                .assertError("InvalidPermission.NotFound");
        assertEquals("The specified rule does not exist in this security group.", notFound.text("//Message"));
        api.ec2("RevokeSecurityGroupEgress", "GroupId", groupId, "SecurityGroupRuleId.1", ruleId).assertError("InvalidSecurityGroupRuleId.NotFound");
        api.ec2("RevokeSecurityGroupIngress", "GroupId", groupId, "SecurityGroupRuleId.1", ruleId).assertOk();
        assertTrue(api.ec2("DescribeSecurityGroups", "GroupId.1", groupId).texts("//ipPermissions/item").isEmpty());
        api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", ruleId).assertError("InvalidSecurityGroupRuleId.NotFound");
    }

    @Test
    void rulesAreTaggableDescribableModifiableAndDescribed() {
        String groupId = createGroup("rules");
        String ruleId = api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "22", "IpPermissions.1.ToPort", "22", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8",
                "TagSpecification.1.ResourceType", "security-group-rule", "TagSpecification.1.Tag.1.Key", "team",
                "TagSpecification.1.Tag.1.Value", "blue").assertOk().text("//securityGroupRuleSet/item/securityGroupRuleId");
        api.ec2("CreateTags", "ResourceId.1", ruleId, "Tag.1.Key", "Name", "Tag.1.Value", "ssh").assertOk();
        TestApi.Response byTag = api.ec2("DescribeSecurityGroupRules", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "ssh").assertOk();
        assertEquals(List.of(ruleId), byTag.texts("//securityGroupRuleSet/item/securityGroupRuleId"));
        assertEquals("blue", byTag.text("//securityGroupRuleSet/item/tagSet/item[key='team']/value"));
        assertEquals("arn:aws:ec2:us-east-1:000000000000:security-group-rule/" + ruleId, byTag.text("//securityGroupRuleArn"));

        api.ec2("ModifySecurityGroupRules", "GroupId", groupId, "SecurityGroupRule.1.SecurityGroupRuleId", ruleId,
                "SecurityGroupRule.1.SecurityGroupRule.IpProtocol", "tcp", "SecurityGroupRule.1.SecurityGroupRule.FromPort", "2222",
                "SecurityGroupRule.1.SecurityGroupRule.ToPort", "2222", "SecurityGroupRule.1.SecurityGroupRule.CidrIpv4", "10.0.0.0/8",
                "SecurityGroupRule.1.SecurityGroupRule.Description", "moved").assertOk();
        TestApi.Response modified = api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", ruleId).assertOk();
        assertEquals("2222", modified.text("//securityGroupRuleSet/item/fromPort"));
        assertEquals("moved", modified.text("//securityGroupRuleSet/item/description"));

        api.ec2("UpdateSecurityGroupRuleDescriptionsIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "2222", "IpPermissions.1.ToPort", "2222", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8",
                "IpPermissions.1.IpRanges.1.Description", "renamed").assertOk();
        assertEquals("renamed", api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", ruleId).text("//description"));
        api.ec2("UpdateSecurityGroupRuleDescriptionsIngress", "GroupId", groupId, "SecurityGroupRuleDescription.1.SecurityGroupRuleId", ruleId,
                "SecurityGroupRuleDescription.1.Description", "by id").assertOk();
        assertEquals("by id", api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", ruleId).text("//description"));
        api.ec2("UpdateSecurityGroupRuleDescriptionsEgress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                "IpPermissions.1.FromPort", "1", "IpPermissions.1.ToPort", "1", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8")
                .assertError("InvalidPermission.NotFound");
        api.ec2("DescribeSecurityGroupRules", "MaxResults", "4").assertError("InvalidParameterValue");
        api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", "sgr-zz").assertError("InvalidSecurityGroupRuleId.Malformed");
    }

    @Test
    void deleteRefusesDefaultAndReferencedGroups() {
        String defaultGroup = api.ec2("DescribeSecurityGroups", "Filter.1.Name", "group-name", "Filter.1.Value.1", "default",
                "Filter.2.Name", "vpc-id", "Filter.2.Value.1", defaultVpc()).text("//securityGroupInfo/item/groupId");
        TestApi.Response cannot = api.ec2("DeleteSecurityGroup", "GroupId", defaultGroup).assertError("CannotDelete");
        assertTrue(cannot.text("//Message").contains(defaultGroup), cannot.body());
        String target = createGroup("target");
        String source = createGroup("source");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", source, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.Groups.1.GroupId", target).assertOk();
        TestApi.Response dependent = api.ec2("DeleteSecurityGroup", "GroupId", target).assertError("DependencyViolation");
        assertEquals("resource " + target + " has a dependent object", dependent.text("//Message"));
        api.ec2("DeleteSecurityGroup", "GroupName", "source").assertOk();
        api.ec2("DeleteSecurityGroup", "GroupId", target).assertOk();
        api.ec2("DescribeSecurityGroups", "GroupId.1", target).assertError("InvalidGroup.NotFound");
        api.ec2("DeleteSecurityGroup", "GroupName", "nope").assertError("InvalidGroup.NotFound");
    }

    @Test
    void describeFiltersByPermissionFieldsAndPaginates() {
        String web = createGroup("web");
        String db = createGroup("db");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", db, "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "5432",
                "IpPermissions.1.ToPort", "5432", "IpPermissions.1.Groups.1.GroupId", web).assertOk();
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", web, "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "443",
                "IpPermissions.1.ToPort", "443", "IpPermissions.1.IpRanges.1.CidrIp", "0.0.0.0/0").assertOk();
        assertEquals(List.of(db), ids("ip-permission.group-id", web));
        assertEquals(List.of(db), ids("ip-permission.group-name", "web"));
        assertEquals(List.of(db), ids("ip-permission.from-port", "5432"));
        assertEquals(List.of(web), ids("ip-permission.cidr", "0.0.0.0/0"));
        assertEquals(List.of(db, web).stream().sorted().toList(), ids("ip-permission.protocol", "tcp"));
        assertEquals(3, ids("egress.ip-permission.cidr", "0.0.0.0/0").size(), "default, web and db");
        assertEquals(List.of(web), ids("description", "test*").stream().filter(web::equals).toList());
        api.ec2("DescribeSecurityGroups", "Filter.1.Name", "bogus", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        api.ec2("DescribeSecurityGroups", "GroupName.1", "missing").assertError("InvalidGroup.NotFound");

        TestApi.Response first = api.ec2("DescribeSecurityGroups", "MaxResults", "5").assertOk();
        assertEquals(3, first.texts("//securityGroupInfo/item").size());
        assertNull(first.text("//nextToken"));
        for (int i = 0; i < 4; i++) {
            createGroup("extra-" + i);
        }
        TestApi.Response page = api.ec2("DescribeSecurityGroups", "MaxResults", "5").assertOk();
        assertEquals(5, page.texts("//securityGroupInfo/item").size());
        TestApi.Response next = api.ec2("DescribeSecurityGroups", "MaxResults", "5", "NextToken", page.text("//nextToken")).assertOk();
        assertEquals(2, next.texts("//securityGroupInfo/item").size());
    }

    private List<String> ids(String filter, String value) {
        return api.ec2("DescribeSecurityGroups", "Filter.1.Name", filter, "Filter.1.Value.1", value).assertOk()
                .texts("//securityGroupInfo/item/groupId");
    }

    @Test
    void dryRunValidatesAndChangesNothing() {
        api.ec2("CreateSecurityGroup", "GroupName", "dry", "GroupDescription", "x", "DryRun", "true").assertError(412, "DryRunOperation");
        api.ec2("CreateSecurityGroup", "GroupName", "default", "GroupDescription", "x", "DryRun", "true").assertError("InvalidGroup.Reserved");
        api.ec2("DescribeSecurityGroups", "GroupName.1", "dry").assertError("InvalidGroup.NotFound");
        String groupId = createGroup("wet");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8", "DryRun", "true").assertError(412, "DryRunOperation");
        assertTrue(api.ec2("DescribeSecurityGroups", "GroupId.1", groupId).texts("//ipPermissions/item").isEmpty());
    }

    @Test
    void rulesPerGroupQuotaCountsEachDirection() {
        TestApi small = new TestApi(Quotas.awsDefaults().with("rules-per-security-group", 2));
        String groupId = small.ec2("CreateSecurityGroup", "GroupName", "q", "GroupDescription", "q").text("//groupId");
        small.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8", "IpPermissions.1.IpRanges.2.CidrIp", "10.1.0.0/16").assertOk();
        small.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.2.0.0/16").assertError("RulesPerSecurityGroupLimitExceeded");
        small.ec2("AuthorizeSecurityGroupEgress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.IpRanges.1.CidrIp", "10.2.0.0/16").assertOk();
        assertFalse(small.ec2("DescribeSecurityGroups", "GroupId.1", groupId).body().contains("10.2.0.0/16</cidrIp></item></ipRanges></item></ipPermissions>"));
    }

    @Test
    void vpcDeletionTakesItsDefaultGroupRulesButCustomGroupsBlockIt() {
        String vpcId = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        String defaultGroup = api.ec2("DescribeSecurityGroups", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId).text("//groupId");
        List<String> ruleIds = api.ec2("DescribeSecurityGroupRules", "Filter.1.Name", "group-id", "Filter.1.Value.1", defaultGroup)
                .texts("//securityGroupRuleId");
        assertEquals(2, ruleIds.size(), "ingress from itself, egress to anywhere");
        api.ec2("CreateSecurityGroup", "GroupName", "blocker", "GroupDescription", "x", "VpcId", vpcId).assertOk();
        api.ec2("DeleteVpc", "VpcId", vpcId).assertError("DependencyViolation");
        api.ec2("DeleteSecurityGroup", "GroupName", "blocker").assertError("InvalidGroup.NotFound");
        String blocker = api.ec2("DescribeSecurityGroups", "Filter.1.Name", "group-name", "Filter.1.Value.1", "blocker").text("//groupId");
        api.ec2("DeleteSecurityGroup", "GroupId", blocker).assertOk();
        api.ec2("DeleteVpc", "VpcId", vpcId).assertOk();
        api.ec2("DescribeSecurityGroupRules", "SecurityGroupRuleId.1", ruleIds.get(0)).assertError("InvalidSecurityGroupRuleId.NotFound");
        api.ec2("CreateTags", "ResourceId.1", ruleIds.get(0), "Tag.1.Key", "k", "Tag.1.Value", "v").assertError("InvalidSecurityGroupRuleId.NotFound");
    }

    @Test
    void nameAndTagPrefixWildcardsFindExactlyTheMatchingGroupsAcrossPages() {
        String otherVpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        List<String> load1 = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            load1.add(createGroup("load-1-" + i));
            createGroup("load-2-" + i);
        }
        load1.add(api.ec2("CreateSecurityGroup", "GroupName", "load-1-x", "GroupDescription", "x", "VpcId", otherVpc).text("//groupId"));
        createGroup("load-1");
        createGroup("load-1/");
        api.ec2("CreateTags", "ResourceId.1", load1.get(0), "Tag.1.Key", "Name", "Tag.1.Value", "edge-a").assertOk();
        api.ec2("CreateTags", "ResourceId.1", load1.get(1), "Tag.1.Key", "Name", "Tag.1.Value", "edgeb").assertOk();
        assertEquals(load1.stream().sorted().toList(), ids("group-name", "load-1-*"));
        assertEquals(List.of(load1.get(10), load1.get(11)).stream().sorted().toList(), ids("group-name", "load-1-1?"));
        assertEquals(List.of(load1.get(0)), ids("tag:Name", "edge-*"));
        assertEquals(List.of(load1.get(1)), ids("tag:Name", "edge?"));

        List<String> paged = new java.util.ArrayList<>();
        String token = null;
        do {
            TestApi.Response page = token == null
                    ? api.ec2("DescribeSecurityGroups", "Filter.1.Name", "group-name", "Filter.1.Value.1", "load-1-*",
                            "Filter.2.Name", "vpc-id", "Filter.2.Value.1", defaultVpc(), "MaxResults", "5").assertOk()
                    : api.ec2("DescribeSecurityGroups", "Filter.1.Name", "group-name", "Filter.1.Value.1", "load-1-*",
                            "Filter.2.Name", "vpc-id", "Filter.2.Value.1", defaultVpc(), "MaxResults", "5", "NextToken", token).assertOk();
            paged.addAll(page.texts("//securityGroupInfo/item/groupId"));
            token = page.text("//nextToken");
        } while (token != null);
        assertEquals(load1.subList(0, 12).stream().sorted().toList(), paged);
    }
}
