package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The entries a managed prefix list had at one version; GetManagedPrefixListEntries can read any of them. */
public record PrefixListVersion(long version, List<PrefixListEntry> entries) {
    public PrefixListVersion {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }
}
