package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A CIDR associated with a VPC or subnet, with AWS's association ID and state ({@code associated},
 * {@code disassociated}, ...). For IPv6, {@code pool} names where the block came from
 * ({@code Amazon}) and {@code networkBorderGroup} the region it is advertised from.
 */
public record CidrAssociation(String associationId, String cidrBlock, String state, String pool, String networkBorderGroup) {
    public CidrAssociation {
        requireNonNull(associationId, "associationId is null");
        requireNonNull(cidrBlock, "cidrBlock is null");
        requireNonNull(state, "state is null");
    }

    public static CidrAssociation ipv4(String associationId, String cidrBlock) {
        return new CidrAssociation(associationId, cidrBlock, "associated", null, null);
    }

    public boolean isAssociated() {
        return state.equals("associated");
    }

    public CidrAssociation withState(String newState) {
        return new CidrAssociation(associationId, cidrBlock, newState, pool, networkBorderGroup);
    }
}
