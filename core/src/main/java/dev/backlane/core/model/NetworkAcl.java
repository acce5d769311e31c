package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A network ACL of a VPC: its entries (both directions) and the subnets associated with it. */
public record NetworkAcl(String id, String vpcId, boolean isDefault, List<NetworkAclEntry> entries,
        List<NetworkAclAssociation> associations) implements Resource, InVpc {

    @Override
    public boolean isVpcDefault() {
        return isDefault;
    }


    public NetworkAcl {
        requireNonNull(id, "id is null");
        requireNonNull(vpcId, "vpcId is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        associations = List.copyOf(requireNonNull(associations, "associations is null"));
    }

    public NetworkAcl withEntries(List<NetworkAclEntry> newEntries) {
        return new NetworkAcl(id, vpcId, isDefault, newEntries, associations);
    }

    public NetworkAcl withAssociations(List<NetworkAclAssociation> newAssociations) {
        return new NetworkAcl(id, vpcId, isDefault, entries, newAssociations);
    }
}
