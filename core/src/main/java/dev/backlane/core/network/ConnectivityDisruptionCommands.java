package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.NetworkAclSwap;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What FIS's {@code aws:network:disrupt-connectivity} does to the world, as the FIS actions reference describes it: for
 * each target subnet, a network ACL tagged {@code managedByFIS=true} — with scope {@code all} a new ACL with only its
 * {@code *} deny rules (a subnet's own traffic never meets its ACL, so intra-subnet traffic still flows), otherwise a
 * clone of the subnet's ACL with deny entries for the scope's CIDRs ({@link DisruptionAclEntries}) — takes the
 * subnet's association; when the action ends the subnet goes back to its ACL and the FIS ACL is deleted. AWS's limits
 * hold: a customer-managed prefix list of at most 10 entries, at most 30 target subnets in a VPC for
 * {@code availability-zone}, and the FIS ACL within the account's entries-per-ACL quota.
 */
public final class ConnectivityDisruptionCommands {
    public static final String MANAGED_TAG = "managedByFIS";
    static final int MAX_PREFIX_LIST_ENTRIES = 10;
    static final int MAX_ZONE_SUBNETS_PER_VPC = 30;

    private final Quotas quotas;
    private final NetworkAclCommands acls;
    private final PrefixListLookup prefixLists;

    public ConnectivityDisruptionCommands(Quotas quotas, PrefixListLookup prefixLists) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.acls = new NetworkAclCommands(quotas);
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
    }

    /** Puts each subnet on a FIS ACL for the scope; {@code prefixListIdentifier} (name, ID or ARN) only for {@code prefix-list}. */
    public List<NetworkAclSwap> disrupt(Transaction transaction, String action, List<String> subnetIds, ConnectivityScope scope,
            String prefixListIdentifier) {
        List<Subnet> subnets = subnetIds.stream().map(id -> transaction.get(ResourceTypes.SUBNET, id)).toList();
        if (scope == ConnectivityScope.AVAILABILITY_ZONE) {
            for (Map.Entry<String, Long> perVpc : subnets.stream()
                    .collect(Collectors.groupingBy(Subnet::vpcId, TreeMap::new, Collectors.counting()))
                    .entrySet()) {
                if (perVpc.getValue() > MAX_ZONE_SUBNETS_PER_VPC) {
                    throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                            "scope availability-zone targets %d subnets of %s; at most %d subnets of a VPC can be targeted",
                            perVpc.getValue(), perVpc.getKey(), MAX_ZONE_SUBNETS_PER_VPC);
                }
            }
        }
        List<String> listCidrs = switch (scope) {
            case DYNAMODB, S3 -> regionalService(transaction, scope);
            case PREFIX_LIST -> customerPrefixList(transaction, prefixListIdentifier);
            case ALL, AVAILABILITY_ZONE -> List.of();
        };
        List<NetworkAclSwap> swaps = new ArrayList<>();
        for (Subnet subnet : subnets) {
            List<String> denied = scope == ConnectivityScope.AVAILABILITY_ZONE ? otherZones(transaction, subnet) : listCidrs;
            swaps.add(swap(transaction, action, subnet, scope == ConnectivityScope.ALL ? null : denied));
        }
        return swaps;
    }

    /** Moves the subnet back to its own ACL (the VPC's default one if that is gone) if it is still on the FIS ACL, and deletes the FIS ACL. */
    public void restore(Transaction transaction, NetworkAclSwap swap) {
        Optional<NetworkAcl> fisAcl = transaction.find(ResourceTypes.NETWORK_ACL, swap.fisAclId());
        if (fisAcl.isEmpty()) {
            return;
        }
        for (NetworkAclAssociation association : fisAcl.get().associations()) {
            if (association.subnetId().equals(swap.subnetId())) {
                String back = transaction.find(ResourceTypes.NETWORK_ACL, swap.originalAclId()).map(NetworkAcl::id)
                        .orElseGet(() -> defaultAcl(transaction, fisAcl.get().vpcId()));
                acls.replaceAssociation(transaction, association.id(), back);
            }
        }
        if (transaction.get(ResourceTypes.NETWORK_ACL, swap.fisAclId()).associations().isEmpty()) {
            acls.delete(transaction, swap.fisAclId());
        }
    }

    /** {@code denied} null: scope all, an ACL with only the {@code *} rules. */
    private NetworkAclSwap swap(Transaction transaction, String action, Subnet subnet, List<String> denied) {
        NetworkAcl original = null;
        NetworkAclAssociation association = null;
        for (NetworkAcl acl : transaction.inVpc(ResourceTypes.NETWORK_ACL, subnet.vpcId())) {
            for (NetworkAclAssociation candidate : acl.associations()) {
                if (candidate.subnetId().equals(subnet.id())) {
                    original = acl;
                    association = candidate;
                }
            }
        }
        if (original == null) {
            throw new IllegalStateException("subnet " + subnet.id() + " has no network ACL association");
        }
        NetworkAcl fisAcl = acls.create(transaction, subnet.vpcId());
        if (denied != null) {
            List<NetworkAclEntry> entries = DisruptionAclEntries.denying(original.entries(), denied);
            int quota = quotas.get("rules-per-network-acl");
            for (boolean egress : new boolean[] {true, false}) {
                long count = DisruptionAclEntries.count(entries, egress);
                if (count > quota) {
                    throw AwsException.of(ErrorCode.NETWORK_ACL_ENTRY_LIMIT_EXCEEDED,
                            "The maximum number of network acl entries has been reached: cloning %s of %s with %d deny entries needs %d %s entries, more than %d",
                            original.id(), subnet.id(), denied.size(), count, egress ? "outbound" : "inbound", quota);
                }
            }
            fisAcl = transaction.put(ResourceTypes.NETWORK_ACL, fisAcl.withEntries(entries));
        }
        TagCommands.tagNew(transaction, fisAcl.id(), ResourceTypes.NETWORK_ACL, Map.of(MANAGED_TAG, "true"));
        acls.replaceAssociation(transaction, association.id(), fisAcl.id());
        return new NetworkAclSwap(action, subnet.id(), original.id(), fisAcl.id());
    }

    /** The CIDRs of the VPC's subnets in other zones than the subnet's, IPv4 and IPv6, in subnet ID order. */
    private static List<String> otherZones(Transaction transaction, Subnet subnet) {
        List<String> cidrs = new ArrayList<>();
        for (Subnet other : transaction.inVpc(ResourceTypes.SUBNET, subnet.vpcId()).stream().sorted(Comparator.comparing(Subnet::id)).toList()) {
            if (!other.availabilityZone().equals(subnet.availabilityZone())) {
                cidrs.add(other.cidrBlock());
                other.ipv6CidrAssociations().stream().map(CidrAssociation::cidrBlock).forEach(cidrs::add);
            }
        }
        return cidrs;
    }

    private List<String> regionalService(Transaction transaction, ConnectivityScope scope) {
        String service = scope == ConnectivityScope.S3 ? "s3" : "dynamodb";
        return prefixLists.catalog().region(transaction.region()).stream().filter(list -> list.service().equals(service)).findFirst()
                .map(AwsPrefixList::cidrs)
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "scope %s: %s has no prefix list for %s",
                        scope.awsName(), transaction.region(), service));
    }

    /** The customer-managed prefix list named by its ID, its ARN or its name; at most 10 entries. */
    private static List<String> customerPrefixList(Transaction transaction, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "scope prefix-list needs the parameter prefixListIdentifier");
        }
        String id = identifier.startsWith("arn:") ? identifier.substring(identifier.lastIndexOf('/') + 1) : identifier;
        ManagedPrefixList list = transaction.find(ResourceTypes.PREFIX_LIST, id)
                .or(() -> transaction.all(ResourceTypes.PREFIX_LIST).stream().filter(candidate -> candidate.name().equals(identifier)).findFirst())
                .orElseThrow(() -> ResourceTypes.PREFIX_LIST.notFound(identifier));
        if (list.entries().size() > MAX_PREFIX_LIST_ENTRIES) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The prefix list %s has %d entries; the prefix list can have at most %d entries",
                    list.id(), list.entries().size(), MAX_PREFIX_LIST_ENTRIES);
        }
        return list.entries().stream().map(PrefixListEntry::cidr).toList();
    }

    private static String defaultAcl(Transaction transaction, String vpcId) {
        return transaction.inVpc(ResourceTypes.NETWORK_ACL, vpcId).stream().filter(NetworkAcl::isDefault).map(NetworkAcl::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("VPC " + vpcId + " has no default network ACL"));
    }
}
