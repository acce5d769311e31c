package dev.backlane.core.model;

/**
 * A resource that lives in (or is attached to) a VPC. DeleteVpc refuses while any such resource,
 * other than the VPC's own defaults, still names the VPC.
 */
public interface InVpc {
    /** The VPC, or null when the resource is not in one now (a detached gateway). */
    String vpcId();

    /** Whether the resource is one the VPC was created with and goes with it (main route table, default group and ACL). */
    default boolean isVpcDefault() {
        return false;
    }

    /**
     * Whether the resource, though it still names the VPC, no longer keeps it from being deleted (a
     * terminated instance, a deleted VPC endpoint).
     */
    default boolean releasesVpc() {
        return false;
    }
}
