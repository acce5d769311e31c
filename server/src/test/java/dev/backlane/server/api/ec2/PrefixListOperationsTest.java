package dev.backlane.server.api.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixListOperationsTest {
    private static final String S3 = "pl-63a5400a";
    private final TestApi api = new TestApi();

    private TestApi.Response create(String name, String... more) {
        List<String> parameters = new java.util.ArrayList<>(List.of("PrefixListName", name, "AddressFamily", "IPv4", "MaxEntries", "3"));
        parameters.addAll(List.of(more));
        return api.ec2("CreateManagedPrefixList", parameters.toArray(String[]::new));
    }

    @Test
    void describePrefixListsShowsTheRegionsAwsManagedLists() {
        TestApi.Response all = api.ec2("DescribePrefixLists").assertOk();
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3").stream().sorted().toList(),
                all.texts("//prefixListSet/item/prefixListName").stream().sorted().toList());
        TestApi.Response byName = api.ec2("DescribePrefixLists", "Filter.1.Name", "prefix-list-name", "Filter.1.Value.1",
                "com.amazonaws.us-east-1.s3").assertOk();
        assertEquals(List.of(S3), byName.texts("//prefixListSet/item/prefixListId"));
        assertTrue(byName.texts("//prefixListSet/item/cidrSet/item").size() > 0);
        api.ec2("DescribePrefixLists", "PrefixListId.1", "pl-12345678").assertError("InvalidPrefixListID.NotFound");
        api.ec2("DescribePrefixLists", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "AWS").assertError("InvalidParameterValue");
    }

    @Test
    void createdListIsDescribedBesideAwsManagedOnes() {
        TestApi.Response created = create("corp", "Entry.1.Cidr", "10.0.0.0/8", "Entry.1.Description", "office",
                "TagSpecification.1.ResourceType", "prefix-list", "TagSpecification.1.Tag.1.Key", "Name",
                "TagSpecification.1.Tag.1.Value", "corp").assertOk();
        String id = created.text("//prefixList/prefixListId");
        assertTrue(id.matches("pl-[0-9a-f]{17}"), id);
        assertEquals("create-complete", created.text("//prefixList/state"));
        assertEquals("1", created.text("//prefixList/version"));
        assertEquals("arn:aws:ec2:us-east-1:000000000000:prefix-list/" + id, created.text("//prefixList/prefixListArn"));
        assertEquals("corp", created.text("//prefixList/tagSet/item/value"));

        TestApi.Response mine = api.ec2("DescribeManagedPrefixLists", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "000000000000").assertOk();
        assertEquals(List.of(id), mine.texts("//prefixListSet/item/prefixListId"));
        TestApi.Response aws = api.ec2("DescribeManagedPrefixLists", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "AWS").assertOk();
        assertEquals(2, aws.texts("//prefixListSet/item").size());
        assertEquals("create-complete", aws.text("//prefixListSet/item[prefixListId='" + S3 + "']/state"));
        assertEquals("IPv4", aws.text("//prefixListSet/item[prefixListId='" + S3 + "']/addressFamily"));
        TestApi.Response byName = api.ec2("DescribeManagedPrefixLists", "Filter.1.Name", "prefix-list-name", "Filter.1.Value.1", "corp").assertOk();
        assertEquals(List.of(id), byName.texts("//prefixListSet/item/prefixListId"));

        TestApi.Response page = api.ec2("DescribeManagedPrefixLists", "MaxResults", "2").assertOk();
        assertEquals(2, page.texts("//prefixListSet/item").size());
        TestApi.Response rest = api.ec2("DescribeManagedPrefixLists", "MaxResults", "2", "NextToken", page.text("//nextToken")).assertOk();
        assertEquals(1, rest.texts("//prefixListSet/item").size());
        assertNull(rest.text("//nextToken"));
    }

    @Test
    void createRefusesBadParameters() {
        create("com.amazonaws.mine").assertError("InvalidParameterValue");
        api.ec2("CreateManagedPrefixList", "PrefixListName", "x", "AddressFamily", "IPv5", "MaxEntries", "3").assertError("InvalidParameterValue");
        api.ec2("CreateManagedPrefixList", "PrefixListName", "x", "AddressFamily", "IPv4", "MaxEntries", "1001").assertError("InvalidParameterValue");
        api.ec2("CreateManagedPrefixList", "PrefixListName", "x", "AddressFamily", "IPv4").assertError("MissingParameter");
        TestApi.Response family = create("x", "Entry.1.Cidr", "2001:db8::/32").assertError("InvalidParameterValue");
        assertTrue(family.text("//Message").contains("Cidr"), family.body());
        create("x", "Entry.1.Cidr", "10.0.0.0/8", "Entry.2.Cidr", "10.1.0.0/16", "Entry.3.Cidr", "10.2.0.0/16", "Entry.4.Cidr", "10.3.0.0/16")
                .assertError("PrefixListMaxEntriesExceeded");
        assertEquals(0, api.ec2("DescribeManagedPrefixLists", "Filter.1.Name", "owner-id", "Filter.1.Value.1", "000000000000")
                .texts("//prefixListSet/item").size());
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        String first = create("idem", "ClientToken", "abc").assertOk().text("//prefixList/prefixListId");
        assertEquals(first, create("idem", "ClientToken", "abc").assertOk().text("//prefixList/prefixListId"));
        create("other", "ClientToken", "abc").assertError("IdempotentParameterMismatch");
    }

    @Test
    void modifyVersionsEntriesAndChecksTheCurrentVersion() {
        String id = create("versions", "Entry.1.Cidr", "10.0.0.0/8").assertOk().text("//prefixList/prefixListId");
        TestApi.Response modified = api.ec2("ModifyManagedPrefixList", "PrefixListId", id, "CurrentVersion", "1",
                "AddEntry.1.Cidr", "192.168.0.0/16", "AddEntry.1.Description", "lab", "RemoveEntry.1.Cidr", "10.0.0.0/8").assertOk();
        assertEquals("2", modified.text("//prefixList/version"));
        assertEquals("modify-complete", modified.text("//prefixList/state"));
        TestApi.Response mismatch = api.ec2("ModifyManagedPrefixList", "PrefixListId", id, "CurrentVersion", "1",
                "AddEntry.1.Cidr", "172.16.0.0/12").assertError("PrefixListVersionMismatch");
        assertEquals("The prefix list has the incorrect version number.", mismatch.text("//Message"));
        assertEquals(List.of("192.168.0.0/16"), api.ec2("GetManagedPrefixListEntries", "PrefixListId", id).assertOk().texts("//entrySet/item/cidr"));
        assertEquals("lab", api.ec2("GetManagedPrefixListEntries", "PrefixListId", id).text("//entrySet/item/description"));
        assertEquals(List.of("10.0.0.0/8"), api.ec2("GetManagedPrefixListEntries", "PrefixListId", id, "TargetVersion", "1").assertOk()
                .texts("//entrySet/item/cidr"));
        api.ec2("GetManagedPrefixListEntries", "PrefixListId", id, "TargetVersion", "9").assertError("InvalidParameterValue");

        api.ec2("ModifyManagedPrefixList", "PrefixListId", id, "MaxEntries", "5", "PrefixListName", "renamed").assertOk();
        TestApi.Response described = api.ec2("DescribeManagedPrefixLists", "PrefixListId.1", id).assertOk();
        assertEquals("5", described.text("//maxEntries"));
        assertEquals("renamed", described.text("//prefixListName"));
        assertEquals("2", described.text("//version"));
        api.ec2("ModifyManagedPrefixList", "PrefixListId", id, "RemoveEntry.1.Cidr", "1.0.0.0/8").assertError("InvalidParameterValue");
        api.ec2("ModifyManagedPrefixList", "PrefixListId", S3, "PrefixListName", "mine").assertError("InvalidParameterValue");
        api.ec2("ModifyManagedPrefixList", "PrefixListId", "pl-12345678", "PrefixListName", "x").assertError("InvalidPrefixListID.NotFound");
    }

    @Test
    void entriesOfAwsManagedListsPaginate() {
        TestApi.Response first = api.ec2("GetManagedPrefixListEntries", "PrefixListId", S3, "MaxResults", "1").assertOk();
        assertEquals(1, first.texts("//entrySet/item").size());
        TestApi.Response second = api.ec2("GetManagedPrefixListEntries", "PrefixListId", S3, "MaxResults", "1", "NextToken",
                first.text("//nextToken")).assertOk();
        assertTrue(!first.text("//entrySet/item/cidr").equals(second.text("//entrySet/item/cidr")));
    }

    @Test
    void referencedListsReportAssociationsAndCannotBeDeleted() {
        String id = create("used", "Entry.1.Cidr", "10.0.0.0/8").assertOk().text("//prefixList/prefixListId");
        String groupId = api.ec2("CreateSecurityGroup", "GroupName", "g", "GroupDescription", "g").text("//groupId");
        api.ec2("AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.PrefixListIds.1.PrefixListId", id, "IpPermissions.1.PrefixListIds.1.Description", "corp").assertOk();
        assertEquals(List.of(id), api.ec2("DescribeSecurityGroups", "Filter.1.Name", "ip-permission.prefix-list-id", "Filter.1.Value.1", id)
                .texts("//ipPermissions/item/prefixListIds/item/prefixListId"));
        TestApi.Response associations = api.ec2("GetManagedPrefixListAssociations", "PrefixListId", id).assertOk();
        assertEquals(List.of(groupId), associations.texts("//prefixListAssociationSet/item/resourceId"));
        api.ec2("DeleteManagedPrefixList", "PrefixListId", id).assertError("DependencyViolation");
        api.ec2("RevokeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "-1",
                "IpPermissions.1.PrefixListIds.1.PrefixListId", id).assertOk();
        api.ec2("DeleteManagedPrefixList", "PrefixListId", id, "DryRun", "true").assertError(412, "DryRunOperation");
        TestApi.Response deleted = api.ec2("DeleteManagedPrefixList", "PrefixListId", id).assertOk();
        assertEquals("delete-in-progress", deleted.text("//prefixList/state"));
        api.ec2("DescribeManagedPrefixLists", "PrefixListId.1", id).assertError("InvalidPrefixListID.NotFound");
        api.ec2("DeleteManagedPrefixList", "PrefixListId", S3).assertError("InvalidParameterValue");
    }

    @Test
    void awsManagedListsCanBeReferencedByRules() {
        String groupId = api.ec2("CreateSecurityGroup", "GroupName", "s3", "GroupDescription", "s3").text("//groupId");
        api.ec2("AuthorizeSecurityGroupEgress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp", "IpPermissions.1.FromPort", "443",
                "IpPermissions.1.ToPort", "443", "IpPermissions.1.PrefixListIds.1.PrefixListId", S3).assertOk();
        assertEquals(List.of(groupId), api.ec2("GetManagedPrefixListAssociations", "PrefixListId", S3).texts("//resourceId"));
    }
}
