package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListId;

/** AWS-managed and customer-managed prefix lists through the SDK, and their use in security group rules. */
class PrefixListSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void awsManagedListsForGatewayServicesAreVisible() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Set<String> names = ec2.describePrefixLists().prefixLists().stream().map(p -> p.prefixListName()).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb")), names.toString());
        ManagedPrefixList s3 = ec2.describeManagedPrefixLists(r -> r.filters(filter("prefix-list-name", "com.amazonaws.us-east-1.s3")))
                .prefixLists().get(0);
        assertEquals("AWS", s3.ownerId());
        assertFalse(ec2.getManagedPrefixListEntries(r -> r.prefixListId(s3.prefixListId())).entries().isEmpty());
    }

    @Test
    void customerListIsVersionedAndUsableInRules() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        ManagedPrefixList list = ec2.createManagedPrefixList(r -> r.prefixListName("office").addressFamily("IPv4").maxEntries(3)
                .entries(AddPrefixListEntry.builder().cidr("198.51.100.0/24").description("hq").build())).prefixList();
        assertTrue(list.prefixListId().matches("pl-[0-9a-f]{17}"), list.prefixListId());
        assertEquals(account.id(), list.ownerId());
        assertEquals(1L, list.version());
        assertEquals(List.of(list.prefixListId()), ec2.describeManagedPrefixLists(r -> r.filters(filter("owner-id", account.id())))
                .prefixLists().stream().map(ManagedPrefixList::prefixListId).toList());

        ec2.modifyManagedPrefixList(r -> r.prefixListId(list.prefixListId()).currentVersion(1L)
                .addEntries(AddPrefixListEntry.builder().cidr("203.0.113.0/24").build()));
        assertAwsError("PrefixListVersionMismatch", () -> ec2.modifyManagedPrefixList(r -> r.prefixListId(list.prefixListId()).currentVersion(1L)
                .addEntries(AddPrefixListEntry.builder().cidr("192.0.2.0/24").build())));
        assertEquals(Set.of("198.51.100.0/24", "203.0.113.0/24"), ec2.getManagedPrefixListEntries(r -> r.prefixListId(list.prefixListId()))
                .entries().stream().map(PrefixListEntry::cidr).collect(Collectors.toSet()));
        assertEquals(Set.of("198.51.100.0/24"), ec2.getManagedPrefixListEntries(r -> r.prefixListId(list.prefixListId()).targetVersion(1L))
                .entries().stream().map(PrefixListEntry::cidr).collect(Collectors.toSet()), "earlier versions stay readable");
        assertAwsError("PrefixListMaxEntriesExceeded", () -> ec2.modifyManagedPrefixList(r -> r.prefixListId(list.prefixListId()).currentVersion(2L)
                .addEntries(AddPrefixListEntry.builder().cidr("192.0.2.0/25").build(), AddPrefixListEntry.builder().cidr("192.0.2.128/25").build())));

        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String groupId = ec2.createSecurityGroup(r -> r.groupName("ssh").description("ssh").vpcId(vpcId)).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .prefixListIds(PrefixListId.builder().prefixListId(list.prefixListId()).build()).build()));
        assertEquals(list.prefixListId(), ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissions().get(0)
                .prefixListIds().get(0).prefixListId());
        assertEquals(List.of(groupId), ec2.getManagedPrefixListAssociations(r -> r.prefixListId(list.prefixListId())).prefixListAssociations()
                .stream().map(a -> a.resourceId()).toList());

        assertAwsError("InvalidPrefixListID.NotFound", () -> ec2.describeManagedPrefixLists(r -> r.prefixListIds("pl-0123456789abcdef0")));
        ec2.deleteSecurityGroup(r -> r.groupId(groupId));
        ec2.deleteManagedPrefixList(r -> r.prefixListId(list.prefixListId()));
        assertEquals(List.of(), ec2.describeManagedPrefixLists(r -> r.filters(filter("owner-id", account.id()))).prefixLists().stream()
                .filter(p -> !"delete-complete".equals(p.stateAsString())).toList());
    }
}
