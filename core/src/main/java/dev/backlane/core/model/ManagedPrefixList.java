package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A customer-managed prefix list: a named set of CIDRs of one address family ({@code IPv4} or
 * {@code IPv6}) holding at most {@code maxEntries}. Every change of entries makes a new version; the
 * earlier versions are kept ({@code versions}, oldest first, the last being current).
 */
public record ManagedPrefixList(String id, String name, String addressFamily, int maxEntries, String state,
        List<PrefixListVersion> versions) implements Resource {

    public ManagedPrefixList {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(addressFamily, "addressFamily is null");
        requireNonNull(state, "state is null");
        versions = List.copyOf(requireNonNull(versions, "versions is null"));
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a prefix list has at least one version");
        }
    }

    public long version() {
        return versions.get(versions.size() - 1).version();
    }

    public List<PrefixListEntry> entries() {
        return versions.get(versions.size() - 1).entries();
    }

    public String arn(Scope scope) {
        return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":prefix-list/" + id;
    }

    public ManagedPrefixList withEntries(List<PrefixListEntry> newEntries, String newState) {
        List<PrefixListVersion> all = new java.util.ArrayList<>(versions);
        all.add(new PrefixListVersion(version() + 1, newEntries));
        return new ManagedPrefixList(id, name, addressFamily, maxEntries, newState, all);
    }

    public ManagedPrefixList withNameAndMaxEntries(String newName, int newMaxEntries, String newState) {
        return new ManagedPrefixList(id, newName, addressFamily, newMaxEntries, newState, versions);
    }
}
