package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.NetworkAclSwap;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The network ACL FIS's disrupt-connectivity puts on a subnet for each scope, and the subnet's ACL given back after. */
class ConnectivityDisruptionCommandsTest {
    private static final String ACTION = "cut";

    private final CoreTestCloud test = new CoreTestCloud();
    private final PrefixListLookup lookup = new PrefixListLookup(AwsPrefixListCatalog.standard());
    private final ConnectivityDisruptionCommands commands = new ConnectivityDisruptionCommands(test.quotas, lookup);
    private final NetworkAclCommands acls = new NetworkAclCommands(test.quotas);
    private final Vpc vpc = test.write(transaction -> test.vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = subnet("10.0.1.0/24", "eu-west-1a");

    @Test
    void scopeS3ClonesTheSubnetsAclWithDenyEntriesForTheRegionsS3RangesFirst() {
        NetworkAclSwap swap = disrupt(ConnectivityScope.S3, null);

        List<String> s3 = AwsPrefixListCatalog.standard().region("eu-west-1").stream().filter(list -> list.service().equals("s3")).findFirst()
                .orElseThrow().cidrs();
        NetworkAcl fisAcl = acl(swap.fisAclId());
        for (boolean egress : new boolean[] {true, false}) {
            List<NetworkAclEntry> direction = fisAcl.entries().stream().filter(entry -> entry.egress() == egress).toList();
            assertEquals(s3, direction.subList(0, s3.size()).stream().map(NetworkAclEntry::cidrBlock).toList());
            assertTrue(direction.subList(0, s3.size()).stream().allMatch(entry -> entry.ruleAction().equals("deny") && entry.protocol().equals("-1")));
            assertEquals(IntStream.rangeClosed(1, s3.size()).boxed().toList(),
                    direction.subList(0, s3.size()).stream().map(NetworkAclEntry::ruleNumber).toList());
            // The default ACL's allow-all rule 100, cloned, comes after the denials; then the * rule.
            NetworkAclEntry cloned = direction.get(s3.size());
            assertEquals(List.of(100, "allow", "0.0.0.0/0"), List.of(cloned.ruleNumber(), cloned.ruleAction(), cloned.cidrBlock()));
            assertTrue(direction.get(direction.size() - 1).isDefaultRule());
        }
        assertEquals(Map.of("managedByFIS", "true"), test.state().find(ResourceTypes.TAGS, swap.fisAclId()).orElseThrow().tags());
        assertEquals(List.of(subnet.id()), fisAcl.associations().stream().map(association -> association.subnetId()).toList());
        assertTrue(acl(swap.originalAclId()).isDefault());
        assertFalse(acl(swap.originalAclId()).associations().stream().anyMatch(association -> association.subnetId().equals(subnet.id())));
    }

    @Test
    void scopeAllIsAnAclWithOnlyItsDenyAllRules() {
        NetworkAclSwap swap = disrupt(ConnectivityScope.ALL, null);

        List<NetworkAclEntry> entries = acl(swap.fisAclId()).entries();
        assertEquals(2, entries.size());
        assertTrue(entries.stream().allMatch(entry -> entry.isDefaultRule() && entry.ruleAction().equals("deny")));
    }

    @Test
    void scopeAvailabilityZoneDeniesTheSubnetsOfTheOtherZonesOnly() {
        subnet("10.0.2.0/24", "eu-west-1a");
        subnet("10.0.3.0/24", "eu-west-1b");
        subnet("10.0.4.0/24", "eu-west-1c");

        NetworkAclSwap swap = disrupt(ConnectivityScope.AVAILABILITY_ZONE, null);

        assertEquals(List.of("10.0.3.0/24", "10.0.4.0/24"), denied(acl(swap.fisAclId()), true));
        assertEquals(List.of("10.0.3.0/24", "10.0.4.0/24"), denied(acl(swap.fisAclId()), false));
    }

    @Test
    void scopePrefixListDeniesTheCustomersListNamedByNameIdOrArn() {
        ManagedPrefixList list = prefixList("partners", List.of("198.51.100.0/24", "203.0.113.0/24"));

        for (String identifier : List.of("partners", list.id(), list.arn(CoreTestCloud.SCOPE))) {
            NetworkAclSwap swap = disrupt(ConnectivityScope.PREFIX_LIST, identifier);
            assertEquals(List.of("198.51.100.0/24", "203.0.113.0/24"), denied(acl(swap.fisAclId()), true), identifier);
            test.write(transaction -> {
                commands.restore(transaction, swap);
                return null;
            });
        }
    }

    @Test
    void aPrefixListOfMoreThanTenEntriesOrNoneNamedIsRefusedAndNothingChanges() {
        prefixList("wide", IntStream.range(0, 11).mapToObj(i -> "198.51." + i + ".0/24").toList());

        AwsException wide = assertThrows(AwsException.class, () -> disrupt(ConnectivityScope.PREFIX_LIST, "wide"));
        AwsException missing = assertThrows(AwsException.class, () -> disrupt(ConnectivityScope.PREFIX_LIST, "pl-0123456789abcdef0"));
        AwsException none = assertThrows(AwsException.class, () -> disrupt(ConnectivityScope.PREFIX_LIST, null));

        assertTrue(wide.getMessage().contains("at most 10 entries"), wide.getMessage());
        assertEquals(ErrorCode.INVALID_PREFIX_LIST_ID_NOT_FOUND, missing.code());
        assertTrue(none.getMessage().contains("prefixListIdentifier"), none.getMessage());
        assertEquals(1, test.state().all(ResourceTypes.NETWORK_ACL).stream().filter(acl -> acl.vpcId().equals(vpc.id())).count());
    }

    @Test
    void clonedRulesNumberedAmongTheDenialsAreRenumberedAfterThemInTheirOrder() {
        NetworkAcl own = test.write(transaction -> {
            NetworkAcl acl = acls.create(transaction, vpc.id());
            acls.createEntry(transaction, acl.id(), new NetworkAclCommands.EntryRequest(1, true, "6", "allow", "10.9.0.0/16", null, null, null, 443, 443));
            acls.createEntry(transaction, acl.id(), new NetworkAclCommands.EntryRequest(2, true, "-1", "deny", "0.0.0.0/0", null, null, null, null, null));
            String association = transaction.inVpc(ResourceTypes.NETWORK_ACL, vpc.id()).stream().flatMap(candidate -> candidate.associations().stream())
                    .filter(candidate -> candidate.subnetId().equals(subnet.id())).findFirst().orElseThrow().id();
            acls.replaceAssociation(transaction, association, acl.id());
            return acl;
        });
        prefixList("partners", List.of("198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24"));

        NetworkAclSwap swap = disrupt(ConnectivityScope.PREFIX_LIST, "partners");

        assertEquals(own.id(), swap.originalAclId());
        List<NetworkAclEntry> egress = acl(swap.fisAclId()).entries().stream().filter(NetworkAclEntry::egress).toList();
        assertEquals(List.of(1, 2, 3, 4, 5, NetworkAclEntry.DEFAULT_RULE_NUMBER), egress.stream().map(NetworkAclEntry::ruleNumber).toList());
        assertEquals(List.of("deny", "deny", "deny", "allow", "deny", "deny"), egress.stream().map(NetworkAclEntry::ruleAction).toList());
        assertEquals(443, egress.get(3).fromPort());
    }

    @Test
    void anAclThatWouldExceedTheEntryQuotaIsRefused() {
        List<String> many = new ArrayList<>();
        test.write(transaction -> {
            NetworkAcl defaultAcl = transaction.inVpc(ResourceTypes.NETWORK_ACL, vpc.id()).get(0);
            for (int rule = 200; rule < 200 + 12; rule++) {
                acls.createEntry(transaction, defaultAcl.id(), new NetworkAclCommands.EntryRequest(rule, true, "-1", "allow",
                        "10." + rule + ".0.0/16", null, null, null, null, null));
            }
            return null;
        });
        IntStream.range(0, 9).forEach(i -> many.add("198.51." + i + ".0/24"));
        prefixList("nine", many);

        AwsException full = assertThrows(AwsException.class, () -> disrupt(ConnectivityScope.PREFIX_LIST, "nine"));

        assertEquals(ErrorCode.NETWORK_ACL_ENTRY_LIMIT_EXCEEDED, full.code());
        assertTrue(full.getMessage().contains("22 outbound entries"), full.getMessage());
    }

    @Test
    void restoreMovesTheSubnetBackAndDeletesTheFisAcl() {
        NetworkAclSwap swap = disrupt(ConnectivityScope.DYNAMODB, null);

        test.write(transaction -> {
            commands.restore(transaction, swap);
            return null;
        });

        assertTrue(test.state().find(ResourceTypes.NETWORK_ACL, swap.fisAclId()).isEmpty());
        assertTrue(acl(swap.originalAclId()).associations().stream().anyMatch(association -> association.subnetId().equals(subnet.id())));
    }

    private NetworkAclSwap disrupt(ConnectivityScope scope, String prefixList) {
        return test.write(transaction -> commands.disrupt(transaction, ACTION, List.of(subnet.id()), scope, prefixList)).get(0);
    }

    private Subnet subnet(String cidr, String zone) {
        return test.write(transaction -> test.subnets.create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), cidr, null, zone, null)));
    }

    private ManagedPrefixList prefixList(String name, List<String> cidrs) {
        PrefixListCommands lists = new PrefixListCommands(test.quotas, lookup);
        return test.write(transaction -> lists.create(transaction, new PrefixListCommands.CreateList(name, "IPv4", 20,
                cidrs.stream().map(cidr -> new PrefixListEntry(cidr, null)).toList())));
    }

    private NetworkAcl acl(String id) {
        return test.state().find(ResourceTypes.NETWORK_ACL, id).orElseThrow();
    }

    private static List<String> denied(NetworkAcl acl, boolean egress) {
        return acl.entries().stream().filter(entry -> entry.egress() == egress && entry.ruleAction().equals("deny") && !entry.isDefaultRule())
                .map(NetworkAclEntry::cidrBlock).toList();
    }
}
