package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.PrefixListVersion;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.net.Ipv6Cidr;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Customer-managed prefix lists with EC2's rules: one address family, at most {@code maxEntries}
 * (1-1000) entries, a new version with every change of entries (guarded by {@code CurrentVersion}),
 * names not in AWS's {@code com.amazonaws.} space, AWS-managed lists read-only, and a list still
 * referenced by a route or security group rule kept from deletion.
 */
public final class PrefixListCommands {
    public static final int MAX_ENTRIES_LIMIT = 1000;
    private static final int MAX_NAME_LENGTH = 255;

    private final Quotas quotas;
    private final PrefixListLookup lookup;

    public PrefixListCommands(Quotas quotas, PrefixListLookup lookup) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
    }

    /** The parameters of CreateManagedPrefixList. */
    public record CreateList(String name, String addressFamily, int maxEntries, List<PrefixListEntry> entries) {}

    public ManagedPrefixList create(Transaction transaction, CreateList request) {
        checkName(request.name());
        if (!request.addressFamily().equals("IPv4") && !request.addressFamily().equals("IPv6")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter AddressFamily is invalid. Valid values are IPv4, IPv6.",
                    request.addressFamily());
        }
        checkMaxEntries(request.maxEntries());
        List<PrefixListEntry> entries = merge(request.addressFamily(), List.of(), request.entries(), List.of());
        checkFits(entries.size(), request.maxEntries());
        quotas.check("customer-managed-prefix-lists-per-region", transaction.all(ResourceTypes.PREFIX_LIST).size(),
                ErrorCode.PREFIX_LIST_LIMIT_EXCEEDED, "The maximum number of prefix lists has been reached.");
        ManagedPrefixList list = new ManagedPrefixList(transaction.newId(ResourceTypes.PREFIX_LIST), request.name(), request.addressFamily(),
                request.maxEntries(), "create-complete", List.of(new PrefixListVersion(1, entries)));
        return transaction.put(ResourceTypes.PREFIX_LIST, list);
    }

    /** The parameters of ModifyManagedPrefixList; null members are left as they are. */
    public record ModifyList(String id, Long currentVersion, String name, Integer maxEntries, List<PrefixListEntry> addEntries,
            List<String> removeCidrs) {}

    public ManagedPrefixList modify(Transaction transaction, ModifyList request) {
        ManagedPrefixList list = requireOwn(transaction, request.id(), "modified");
        boolean changesEntries = !request.addEntries().isEmpty() || !request.removeCidrs().isEmpty();
        if (request.currentVersion() != null && request.currentVersion() != list.version()) {
            throw AwsException.of(ErrorCode.PREFIX_LIST_VERSION_MISMATCH, "The prefix list has the incorrect version number.");
        }
        if (request.maxEntries() != null && changesEntries) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "The parameter maxEntries cannot be used with the parameters addEntries or removeEntries");
        }
        String name = list.name();
        if (request.name() != null) {
            checkName(request.name());
            name = request.name();
        }
        int maxEntries = list.maxEntries();
        if (request.maxEntries() != null) {
            checkMaxEntries(request.maxEntries());
            if (request.maxEntries() < list.entries().size()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "Value (%d) for parameter maxEntries is invalid. The prefix list has %d entries.", request.maxEntries(), list.entries().size());
            }
            maxEntries = request.maxEntries();
        }
        ManagedPrefixList changed = list.withNameAndMaxEntries(name, maxEntries, "modify-complete");
        if (changesEntries) {
            List<PrefixListEntry> entries = merge(list.addressFamily(), list.entries(), request.addEntries(), request.removeCidrs());
            checkFits(entries.size(), maxEntries);
            changed = changed.withEntries(entries, "modify-complete");
        }
        return transaction.put(ResourceTypes.PREFIX_LIST, changed);
    }

    public ManagedPrefixList delete(Transaction transaction, String id) {
        ManagedPrefixList list = requireOwn(transaction, id, "deleted");
        if (!associations(transaction.state(), id).isEmpty()) {
            throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The prefix list %s is in use by another resource and cannot be deleted.", id);
        }
        transaction.remove(ResourceTypes.PREFIX_LIST, id);
        return list.withNameAndMaxEntries(list.name(), list.maxEntries(), "delete-in-progress");
    }

    /** The route tables and security groups that reference the list, in that order, each once. */
    public static List<String> associations(ScopeState state, String id) {
        List<String> resources = new ArrayList<>();
        for (RouteTable table : state.all(ResourceTypes.ROUTE_TABLE)) {
            if (table.routes().stream().map(Route::destinationPrefixListId).anyMatch(id::equals)) {
                resources.add(table.id());
            }
        }
        for (SecurityGroup group : state.all(ResourceTypes.SECURITY_GROUP)) {
            if (group.rules().stream().anyMatch(rule -> id.equals(rule.prefixListId()))) {
                resources.add(group.id());
            }
        }
        return resources;
    }

    private ManagedPrefixList requireOwn(Transaction transaction, String id, String verb) {
        ResourceTypes.PREFIX_LIST.requireWellFormed(id);
        if (lookup.catalog().find(transaction.region(), id).isPresent()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The prefix list %s is managed by AWS and cannot be %s.", id, verb);
        }
        return transaction.get(ResourceTypes.PREFIX_LIST, id);
    }

    /** The entries after removing and then adding; adding a CIDR already there replaces its description. */
    private static List<PrefixListEntry> merge(String family, List<PrefixListEntry> current, List<PrefixListEntry> add, List<String> remove) {
        Map<String, PrefixListEntry> entries = new LinkedHashMap<>();
        current.forEach(entry -> entries.put(entry.cidr(), entry));
        for (String cidr : remove) {
            String normalized = normalize(family, cidr);
            if (entries.remove(normalized) == null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The CIDR %s does not exist in the prefix list and cannot be removed.", cidr);
            }
        }
        List<String> added = new ArrayList<>();
        for (PrefixListEntry entry : add) {
            String normalized = normalize(family, entry.cidr());
            if (added.contains(normalized)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The CIDR %s is specified more than once.", entry.cidr());
            }
            if (entry.description() != null && entry.description().length() > MAX_NAME_LENGTH) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value for parameter Description is invalid. Length exceeds maximum of 255.");
            }
            added.add(normalized);
            entries.put(normalized, new PrefixListEntry(normalized, entry.description()));
        }
        return new ArrayList<>(entries.values());
    }

    private static String normalize(String family, String cidr) {
        if (family.equals("IPv4")) {
            return Ipv4Cidr.parse(cidr).map(Objects::toString).orElseThrow(() -> notOfFamily(cidr, family));
        }
        return Ipv6Cidr.parse(cidr).map(Objects::toString).orElseThrow(() -> notOfFamily(cidr, family));
    }

    private static AwsException notOfFamily(String cidr, String family) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter Cidr is invalid. This is not a valid %s CIDR block.",
                cidr, family);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter PrefixListName is invalid. Length must be 1 to 255.", name);
        }
        if (name.startsWith("com.amazonaws")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter PrefixListName is invalid. Prefix list names cannot start with com.amazonaws.", name);
        }
    }

    private static void checkMaxEntries(int maxEntries) {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES_LIMIT) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter maxEntries is invalid. It must be between 1 and %d.",
                    maxEntries, MAX_ENTRIES_LIMIT);
        }
    }

    private static void checkFits(int entries, int maxEntries) {
        if (entries > maxEntries) {
            throw AwsException.of(ErrorCode.PREFIX_LIST_MAX_ENTRIES_EXCEEDED,
                    "The prefix list would have %d entries, more than its maximum of %d.", entries, maxEntries);
        }
    }
}
