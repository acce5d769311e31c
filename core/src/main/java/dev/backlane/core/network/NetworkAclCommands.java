package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Network ACLs with EC2's rules: a custom ACL starts with only the {@code *} deny rules; entries are
 * numbered 1-32766 per direction, at most the quota per direction; the default ACL and an ACL still
 * associated with a subnet cannot be deleted; a subnet moves between ACLs of its VPC by replacing its
 * association, which gets a new ID.
 */
public final class NetworkAclCommands {
    private final Quotas quotas;

    public NetworkAclCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    public NetworkAcl create(Transaction transaction, String vpcId) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        long inVpc = transaction.inVpc(ResourceTypes.NETWORK_ACL, vpc.id()).size();
        quotas.check("network-acls-per-vpc", inVpc, ErrorCode.NETWORK_ACL_LIMIT_EXCEEDED,
                "The maximum number of network ACLs has been reached.");
        NetworkAcl acl = new NetworkAcl(transaction.newId(ResourceTypes.NETWORK_ACL), vpc.id(), false,
                VpcDefaults.defaultAclEntries(!vpc.associatedIpv6Cidrs().isEmpty(), false), List.of());
        return transaction.put(ResourceTypes.NETWORK_ACL, acl);
    }

    public void delete(Transaction transaction, String aclId) {
        NetworkAcl acl = transaction.get(ResourceTypes.NETWORK_ACL, aclId);
        if (acl.isDefault()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "cannot delete default network ACL %s", acl.id());
        }
        if (!acl.associations().isEmpty()) {
            throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The networkAcl '%s' has dependencies and cannot be deleted.", acl.id());
        }
        transaction.remove(ResourceTypes.NETWORK_ACL, acl.id());
    }

    /** The parameters of CreateNetworkAclEntry and ReplaceNetworkAclEntry. */
    public record EntryRequest(int ruleNumber, boolean egress, String protocol, String ruleAction, String cidrBlock, String ipv6CidrBlock,
            Integer icmpType, Integer icmpCode, Integer fromPort, Integer toPort) {}

    public NetworkAclEntry createEntry(Transaction transaction, String aclId, EntryRequest request) {
        NetworkAcl acl = transaction.get(ResourceTypes.NETWORK_ACL, aclId);
        NetworkAclEntry entry = NetworkAclEntryRules.entry(request);
        if (find(acl, entry.ruleNumber(), entry.egress()) != null) {
            throw AwsException.of(ErrorCode.NETWORK_ACL_ENTRY_ALREADY_EXISTS, "The network acl entry identified by %d already exists.", entry.ruleNumber());
        }
        long inDirection = acl.entries().stream().filter(existing -> existing.egress() == entry.egress() && !existing.isDefaultRule()).count();
        quotas.check("rules-per-network-acl", inDirection, ErrorCode.NETWORK_ACL_ENTRY_LIMIT_EXCEEDED,
                "The maximum number of network acl entries has been reached.");
        List<NetworkAclEntry> entries = new ArrayList<>(acl.entries());
        entries.add(entry);
        transaction.put(ResourceTypes.NETWORK_ACL, acl.withEntries(sorted(entries)));
        return entry;
    }

    public NetworkAclEntry replaceEntry(Transaction transaction, String aclId, EntryRequest request) {
        NetworkAcl acl = transaction.get(ResourceTypes.NETWORK_ACL, aclId);
        NetworkAclEntry entry = NetworkAclEntryRules.entry(request);
        NetworkAclEntry current = requireEntry(acl, entry.ruleNumber(), entry.egress());
        List<NetworkAclEntry> entries = new ArrayList<>(acl.entries());
        entries.remove(current);
        entries.add(entry);
        transaction.put(ResourceTypes.NETWORK_ACL, acl.withEntries(sorted(entries)));
        return entry;
    }

    public void deleteEntry(Transaction transaction, String aclId, int ruleNumber, boolean egress) {
        NetworkAcl acl = transaction.get(ResourceTypes.NETWORK_ACL, aclId);
        NetworkAclEntryRules.checkRuleNumber(ruleNumber);
        NetworkAclEntry current = requireEntry(acl, ruleNumber, egress);
        List<NetworkAclEntry> entries = new ArrayList<>(acl.entries());
        entries.remove(current);
        transaction.put(ResourceTypes.NETWORK_ACL, acl.withEntries(entries));
    }

    /** Moves the subnet of an association to another ACL of the same VPC; returns the new association's ID. */
    public String replaceAssociation(Transaction transaction, String associationId, String aclId) {
        NetworkAcl target = transaction.get(ResourceTypes.NETWORK_ACL, aclId);
        NetworkAcl current = null;
        NetworkAclAssociation association = null;
        for (NetworkAcl acl : transaction.all(ResourceTypes.NETWORK_ACL)) {
            for (NetworkAclAssociation candidate : acl.associations()) {
                if (candidate.id().equals(associationId)) {
                    current = acl;
                    association = candidate;
                }
            }
        }
        if (association == null) {
            throw AwsException.of(ErrorCode.INVALID_ASSOCIATION_ID_NOT_FOUND, "The association ID '%s' does not exist", associationId);
        }
        if (!current.vpcId().equals(target.vpcId())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Network ACL %s and subnet %s belong to different networks.", target.id(),
                    association.subnetId());
        }
        NetworkAclAssociation moved = new NetworkAclAssociation(transaction.ids().next("aclassoc"), target.id(), association.subnetId());
        List<NetworkAclAssociation> remaining = new ArrayList<>(current.associations());
        remaining.remove(association);
        transaction.put(ResourceTypes.NETWORK_ACL, current.withAssociations(remaining));
        NetworkAcl refreshedTarget = transaction.get(ResourceTypes.NETWORK_ACL, target.id());
        List<NetworkAclAssociation> added = new ArrayList<>(refreshedTarget.associations());
        added.add(moved);
        transaction.put(ResourceTypes.NETWORK_ACL, refreshedTarget.withAssociations(added));
        return moved.id();
    }

    private static NetworkAclEntry find(NetworkAcl acl, int ruleNumber, boolean egress) {
        return acl.entries().stream().filter(entry -> entry.ruleNumber() == ruleNumber && entry.egress() == egress).findFirst().orElse(null);
    }

    private static NetworkAclEntry requireEntry(NetworkAcl acl, int ruleNumber, boolean egress) {
        NetworkAclEntry entry = find(acl, ruleNumber, egress);
        if (entry == null) {
            throw AwsException.of(ErrorCode.INVALID_NETWORK_ACL_ENTRY_NOT_FOUND, "The network acl entry identified by %d does not exist.", ruleNumber);
        }
        return entry;
    }

    /** Egress entries first, then ingress, each by rule number; the {@code *} rules, numbered 32767, come last. */
    private static List<NetworkAclEntry> sorted(List<NetworkAclEntry> entries) {
        List<NetworkAclEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((NetworkAclEntry entry) -> !entry.egress()).thenComparingInt(NetworkAclEntry::ruleNumber));
        return sorted;
    }
}
