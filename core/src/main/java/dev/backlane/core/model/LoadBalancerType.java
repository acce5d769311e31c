package dev.backlane.core.model;

/** The kinds of ELBv2 load balancer, with the names AWS uses on the wire and in ARNs. */
public enum LoadBalancerType implements WireName {
    APPLICATION("application", "app"),
    NETWORK("network", "net"),
    GATEWAY("gateway", "gwy");

    private final String wireName;
    private final String arnSegment;

    LoadBalancerType(String wireName, String arnSegment) {
        this.wireName = wireName;
        this.arnSegment = arnSegment;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The segment of the load balancer's ARN and of its ENIs' descriptions: {@code net}, {@code app}, {@code gwy}. */
    public String arnSegment() {
        return arnSegment;
    }
}
