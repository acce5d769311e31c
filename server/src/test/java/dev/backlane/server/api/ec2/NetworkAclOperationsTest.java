package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkAclOperationsTest {
    private final TestApi api = new TestApi();

    private String defaultVpc() {
        return api.ec2("DescribeVpcs", "Filter.1.Name", "is-default", "Filter.1.Value.1", "true").text("//vpcSet/item/vpcId");
    }

    private String createAcl(String vpcId) {
        return api.ec2("CreateNetworkAcl", "VpcId", vpcId).assertOk().text("//networkAcl/networkAclId");
    }

    private String[] entry(String aclId, String number, String egress, String protocol, String... more) {
        List<String> parameters = new java.util.ArrayList<>(List.of("NetworkAclId", aclId, "RuleNumber", number, "Egress", egress,
                "Protocol", protocol, "RuleAction", "allow"));
        parameters.addAll(List.of(more));
        return parameters.toArray(String[]::new);
    }

    @Test
    void customAclStartsWithOnlyDenyAllRules() {
        TestApi.Response created = api.ec2("CreateNetworkAcl", "VpcId", defaultVpc(), "TagSpecification.1.ResourceType", "network-acl",
                "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "private").assertOk();
        assertTrue(created.text("//networkAcl/networkAclId").matches("acl-[0-9a-f]{17}"));
        assertEquals("false", created.text("//networkAcl/default"));
        assertEquals(List.of("32767", "32767"), created.texts("//networkAcl/entrySet/item/ruleNumber"));
        assertEquals(List.of("deny", "deny"), created.texts("//networkAcl/entrySet/item/ruleAction"));
        assertEquals(List.of("true", "false"), created.texts("//networkAcl/entrySet/item/egress"));
        assertEquals("private", created.text("//networkAcl/tagSet/item/value"));
        assertEquals("000000000000", created.text("//networkAcl/ownerId"));
    }

    @Test
    void defaultAclHasAllowRulesAndTheDefaultSubnets() {
        TestApi.Response described = api.ec2("DescribeNetworkAcls", "Filter.1.Name", "default", "Filter.1.Value.1", "true").assertOk();
        assertEquals(1, described.texts("//networkAclSet/item").size());
        assertEquals(List.of("100", "32767", "100", "32767"), described.texts("//entrySet/item/ruleNumber"));
        int subnets = api.ec2("DescribeNetworkAcls").texts("//associationSet/item/subnetId").size();
        assertTrue(subnets >= 3, "one association per default subnet");
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        String vpc = defaultVpc();
        String first = api.ec2("CreateNetworkAcl", "VpcId", vpc, "ClientToken", "token-1").assertOk().text("//networkAcl/networkAclId");
        TestApi.Response again = api.ec2("CreateNetworkAcl", "VpcId", vpc, "ClientToken", "token-1").assertOk();
        assertEquals(first, again.text("//networkAcl/networkAclId"));
        assertEquals("token-1", again.text("//clientToken"));
        assertEquals(2, api.ec2("DescribeNetworkAcls", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpc).texts("//networkAclSet/item").size());
        String otherVpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        api.ec2("CreateNetworkAcl", "VpcId", otherVpc, "ClientToken", "token-1").assertError("IdempotentParameterMismatch");
    }

    @Test
    void entriesAreCreatedReplacedAndDeletedWithAwsChecks() {
        String aclId = createAcl(defaultVpc());
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "6", "CidrBlock", "10.0.0.0/8", "PortRange.From", "22",
                "PortRange.To", "22")).assertOk();
        TestApi.Response duplicate = api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "-1", "CidrBlock", "0.0.0.0/0"))
                .assertError("NetworkAclEntryAlreadyExists");
        assertEquals("The network acl entry identified by 100 already exists.", duplicate.text("//Message"));
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "true", "-1", "CidrBlock", "0.0.0.0/0")).assertOk();
        api.ec2("CreateNetworkAclEntry", entry(aclId, "110", "false", "1", "CidrBlock", "10.0.0.0/8", "Icmp.Type", "8", "Icmp.Code", "-1"))
                .assertOk();
        TestApi.Response described = api.ec2("DescribeNetworkAcls", "NetworkAclId.1", aclId).assertOk();
        assertEquals("22", described.text("//entrySet/item[ruleNumber='100' and egress='false']/portRange/from"));
        assertEquals("8", described.text("//entrySet/item[ruleNumber='110']/icmpTypeCode/type"));
        assertEquals(List.of("100", "32767", "100", "110", "32767"), described.texts("//entrySet/item/ruleNumber"));

        api.ec2("ReplaceNetworkAclEntry", entry(aclId, "100", "false", "17", "CidrBlock", "10.0.0.0/8", "PortRange.From", "53",
                "PortRange.To", "53")).assertOk();
        assertEquals("17", api.ec2("DescribeNetworkAcls", "NetworkAclId.1", aclId)
                .text("//entrySet/item[ruleNumber='100' and egress='false']/protocol"));
        api.ec2("ReplaceNetworkAclEntry", entry(aclId, "200", "false", "-1", "CidrBlock", "0.0.0.0/0")).assertError("InvalidNetworkAclEntry.NotFound");
        api.ec2("DeleteNetworkAclEntry", "NetworkAclId", aclId, "RuleNumber", "100", "Egress", "true").assertOk();
        api.ec2("DeleteNetworkAclEntry", "NetworkAclId", aclId, "RuleNumber", "100", "Egress", "true").assertError("InvalidNetworkAclEntry.NotFound");
        api.ec2("DeleteNetworkAclEntry", "NetworkAclId", aclId, "RuleNumber", "32767", "Egress", "true").assertError("InvalidParameterValue");
    }

    @Test
    void invalidEntriesAreRefused() {
        String aclId = createAcl(defaultVpc());
        TestApi.Response name = api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "tcp", "CidrBlock", "10.0.0.0/8",
                "PortRange.From", "22", "PortRange.To", "22")).assertError("InvalidParameterValue");
        assertEquals("Invalid value 'tcp' for IP protocol. Unknown protocol.", name.text("//Message"));
        api.ec2("CreateNetworkAclEntry", entry(aclId, "0", "false", "-1", "CidrBlock", "10.0.0.0/8")).assertError("InvalidParameterValue");
        api.ec2("CreateNetworkAclEntry", entry(aclId, "32767", "false", "-1", "CidrBlock", "10.0.0.0/8")).assertError("InvalidParameterValue");
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "6", "CidrBlock", "10.0.0.0/8")).assertError("MissingParameter");
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "1", "CidrBlock", "10.0.0.0/8")).assertError("MissingParameter");
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "-1")).assertError("MissingParameter");
        TestApi.Response cidr = api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "-1", "CidrBlock", "10.0.0.0/40"))
                .assertError("InvalidParameterValue");
        assertTrue(cidr.text("//Message").contains("cidrBlock"), cidr.body());
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "6", "CidrBlock", "10.0.0.0/8", "PortRange.From", "90",
                "PortRange.To", "80")).assertError("InvalidParameterValue");
        api.ec2("CreateNetworkAclEntry", entry("acl-12345678", "100", "false", "-1", "CidrBlock", "10.0.0.0/8"))
                .assertError("InvalidNetworkAclID.NotFound");
        assertEquals(2, api.ec2("DescribeNetworkAcls", "NetworkAclId.1", aclId).texts("//entrySet/item").size());
    }

    @Test
    void entryQuotaIsPerDirection() {
        TestApi small = new TestApi(Quotas.awsDefaults().with("rules-per-network-acl", 1));
        String vpc = small.ec2("DescribeVpcs").text("//vpcSet/item/vpcId");
        String aclId = small.ec2("CreateNetworkAcl", "VpcId", vpc).text("//networkAclId");
        small.ec2("CreateNetworkAclEntry", entry(aclId, "1", "false", "-1", "CidrBlock", "10.0.0.0/8")).assertOk();
        small.ec2("CreateNetworkAclEntry", entry(aclId, "2", "false", "-1", "CidrBlock", "10.0.0.0/8")).assertError("NetworkAclEntryLimitExceeded");
        small.ec2("CreateNetworkAclEntry", entry(aclId, "2", "true", "-1", "CidrBlock", "10.0.0.0/8")).assertOk();
    }

    @Test
    void associationsMoveBetweenAclsOfTheVpcAndBlockDeletion() {
        String vpc = defaultVpc();
        TestApi.Response defaults = api.ec2("DescribeNetworkAcls", "Filter.1.Name", "default", "Filter.1.Value.1", "true");
        String defaultAcl = defaults.text("//networkAclSet/item/networkAclId");
        String associationId = defaults.text("//associationSet/item/networkAclAssociationId");
        String subnetId = defaults.text("//associationSet/item/subnetId");
        TestApi.Response cannot = api.ec2("DeleteNetworkAcl", "NetworkAclId", defaultAcl).assertError("InvalidParameterValue");
        assertEquals("cannot delete default network ACL " + defaultAcl, cannot.text("//Message"));

        String custom = createAcl(vpc);
        String newAssociation = api.ec2("ReplaceNetworkAclAssociation", "AssociationId", associationId, "NetworkAclId", custom).assertOk()
                .text("//newAssociationId");
        assertTrue(newAssociation.matches("aclassoc-[0-9a-f]{17}"), newAssociation);
        assertNotEquals(associationId, newAssociation);
        assertEquals(List.of(custom), api.ec2("DescribeNetworkAcls", "Filter.1.Name", "association.subnet-id", "Filter.1.Value.1", subnetId)
                .texts("//networkAclSet/item/networkAclId"));
        api.ec2("ReplaceNetworkAclAssociation", "AssociationId", associationId, "NetworkAclId", custom).assertError("InvalidAssociationID.NotFound");
        TestApi.Response dependent = api.ec2("DeleteNetworkAcl", "NetworkAclId", custom).assertError("DependencyViolation");
        assertTrue(dependent.text("//Message").contains(custom));

        String otherVpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").text("//vpc/vpcId");
        String foreign = createAcl(otherVpc);
        api.ec2("ReplaceNetworkAclAssociation", "AssociationId", newAssociation, "NetworkAclId", foreign).assertError("InvalidParameterValue");

        api.ec2("ReplaceNetworkAclAssociation", "AssociationId", newAssociation, "NetworkAclId", defaultAcl).assertOk();
        api.ec2("DeleteNetworkAcl", "NetworkAclId", custom).assertOk();
        api.ec2("DescribeNetworkAcls", "NetworkAclId.1", custom).assertError("InvalidNetworkAclID.NotFound");
    }

    @Test
    void describeFiltersOnEntriesAndPaginates() {
        String vpc = defaultVpc();
        String aclId = createAcl(vpc);
        api.ec2("CreateNetworkAclEntry", entry(aclId, "120", "false", "6", "CidrBlock", "10.9.0.0/16", "PortRange.From", "443",
                "PortRange.To", "443")).assertOk();
        assertEquals(List.of(aclId), aclIds("entry.cidr", "10.9.0.0/16"));
        assertEquals(List.of(aclId), aclIds("entry.rule-number", "120"));
        assertEquals(List.of(aclId), aclIds("entry.port-range.from", "443"));
        assertEquals(List.of(aclId), aclIds("entry.protocol", "6"));
        assertEquals(List.of(aclId), aclIds("default", "false"));
        assertEquals(2, aclIds("entry.rule-action", "deny").size());
        api.ec2("DescribeNetworkAcls", "Filter.1.Name", "entry.bogus", "Filter.1.Value.1", "x").assertError("InvalidParameterValue");
        for (int i = 0; i < 4; i++) {
            createAcl(vpc);
        }
        TestApi.Response page = api.ec2("DescribeNetworkAcls", "MaxResults", "5").assertOk();
        assertEquals(5, page.texts("//networkAclSet/item").size());
        assertEquals(1, api.ec2("DescribeNetworkAcls", "MaxResults", "5", "NextToken", page.text("//nextToken")).texts("//networkAclSet/item").size());
    }

    private List<String> aclIds(String filter, String value) {
        return api.ec2("DescribeNetworkAcls", "Filter.1.Name", filter, "Filter.1.Value.1", value).assertOk().texts("//networkAclSet/item/networkAclId");
    }

    @Test
    void dryRunChangesNothing() {
        String aclId = createAcl(defaultVpc());
        api.ec2("CreateNetworkAclEntry", entry(aclId, "100", "false", "-1", "CidrBlock", "10.0.0.0/8", "DryRun", "true"))
                .assertError(412, "DryRunOperation");
        api.ec2("DeleteNetworkAcl", "NetworkAclId", aclId, "DryRun", "true").assertError(412, "DryRunOperation");
        TestApi.Response described = api.ec2("DescribeNetworkAcls", "NetworkAclId.1", aclId).assertOk();
        assertEquals(2, described.texts("//entrySet/item").size());
    }
}
