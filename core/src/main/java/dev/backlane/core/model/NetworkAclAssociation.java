package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** The association of a subnet with a network ACL; every subnet has exactly one. */
public record NetworkAclAssociation(String id, String networkAclId, String subnetId) {
    public NetworkAclAssociation {
        requireNonNull(id, "id is null");
        requireNonNull(networkAclId, "networkAclId is null");
        requireNonNull(subnetId, "subnetId is null");
    }
}
