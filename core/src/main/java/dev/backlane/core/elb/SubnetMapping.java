package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

/** One subnet asked for in CreateLoadBalancer or SetSubnets, with the optional address and Elastic IP for it. */
public record SubnetMapping(String subnetId, String privateIpv4Address, String allocationId) {
    public SubnetMapping {
        requireNonNull(subnetId, "subnetId is null");
    }

    public static SubnetMapping of(String subnetId) {
        return new SubnetMapping(subnetId, null, null);
    }
}
