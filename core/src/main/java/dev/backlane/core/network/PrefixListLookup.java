package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import java.util.List;
import java.util.Optional;

/**
 * Answers, for routes, security group rules and endpoints: does prefix list {@code pl-x} exist in this
 * account and region, AWS-managed or the customer's own, and which CIDRs does it hold now.
 */
public final class PrefixListLookup {
    private final AwsPrefixListCatalog catalog;

    public PrefixListLookup(AwsPrefixListCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** A prefix list as a reference sees it, whoever manages it. */
    public record ResolvedPrefixList(String id, String name, String addressFamily, boolean awsManaged, List<String> cidrs) {
        public ResolvedPrefixList {
            requireNonNull(id, "id is null");
            cidrs = List.copyOf(requireNonNull(cidrs, "cidrs is null"));
        }
    }

    public AwsPrefixListCatalog catalog() {
        return catalog;
    }

    public Optional<ResolvedPrefixList> find(ScopeState state, String region, String id) {
        Optional<AwsPrefixList> managed = catalog.find(region, id);
        if (managed.isPresent()) {
            AwsPrefixList list = managed.get();
            return Optional.of(new ResolvedPrefixList(list.id(), list.name(), "IPv4", true, list.cidrs()));
        }
        return state.find(ResourceTypes.PREFIX_LIST, id).map(PrefixListLookup::resolve);
    }

    public boolean exists(ScopeState state, String region, String id) {
        return find(state, region, id).isPresent();
    }

    /** The list's CIDRs; empty when it does not exist. */
    public List<String> cidrs(ScopeState state, String region, String id) {
        return find(state, region, id).map(ResolvedPrefixList::cidrs).orElse(List.of());
    }

    /** The list, or AWS's InvalidPrefixListID.NotFound. */
    public ResolvedPrefixList require(ScopeState state, String region, String id) {
        return find(state, region, id).orElseThrow(() -> ResourceTypes.PREFIX_LIST.notFound(id));
    }

    private static ResolvedPrefixList resolve(ManagedPrefixList list) {
        return new ResolvedPrefixList(list.id(), list.name(), list.addressFamily(), false,
                list.entries().stream().map(PrefixListEntry::cidr).toList());
    }
}
