package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A VPC peering connection between a requester VPC and an accepter VPC, which may belong to other
 * accounts or regions. {@code status} is AWS's code ({@code active}, {@code pending-acceptance},
 * {@code rejected}, {@code deleted}, ...); only an active connection carries traffic.
 */
public record VpcPeeringConnection(String id, PeeringVpcInfo requester, PeeringVpcInfo accepter, String status, String statusMessage)
        implements Resource {

    public VpcPeeringConnection {
        requireNonNull(id, "id is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(accepter, "accepter is null");
        requireNonNull(status, "status is null");
    }

    public boolean isActive() {
        return status.equals("active");
    }

    /** The side of the connection that is not {@code vpcId}, or null when {@code vpcId} is on neither side. */
    public PeeringVpcInfo peerOf(String vpcId) {
        if (requester.vpcId().equals(vpcId)) {
            return accepter;
        }
        return accepter.vpcId().equals(vpcId) ? requester : null;
    }
}
