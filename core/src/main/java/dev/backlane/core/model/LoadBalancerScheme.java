package dev.backlane.core.model;

/**
 * Whether a load balancer's nodes have public addresses ({@code internet-facing}) or only private ones
 * ({@code internal}), with the names of {@code LoadBalancerSchemeEnum} in the ELBv2 model.
 */
public enum LoadBalancerScheme implements WireName {
    INTERNET_FACING("internet-facing"),
    INTERNAL("internal");

    private final String wireName;

    LoadBalancerScheme(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
