package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** One CIDR of a managed prefix list, with its optional description. */
public record PrefixListEntry(String cidr, String description) {
    public PrefixListEntry {
        requireNonNull(cidr, "cidr is null");
    }
}
