package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** An account in a region: the partition of the world that one caller sees and changes. */
public record Scope(String account, String region) implements Comparable<Scope> {
    public Scope {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
    }

    @Override
    public int compareTo(Scope other) {
        int byAccount = account.compareTo(other.account);
        return byAccount != 0 ? byAccount : region.compareTo(other.region);
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
