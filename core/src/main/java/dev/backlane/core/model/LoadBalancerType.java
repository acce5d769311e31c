package dev.backlane.core.model;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

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

    public static LoadBalancerType fromWire(String value) {
        return WireName.find(LoadBalancerType.class, value)
                .orElseThrow(() -> AwsException.of(ErrorCode.VALIDATION_ERROR, "Load balancer type '%s' is not valid", value));
    }
}
