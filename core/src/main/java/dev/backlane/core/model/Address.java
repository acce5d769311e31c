package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * An Elastic IP address (domain {@code vpc}), identified by its allocation ID. While associated it
 * names the network interface and private address it maps to, and the association's ID; a NAT
 * gateway's address is associated with the gateway's interface.
 */
public record Address(
        String id,
        String publicIp,
        String networkBorderGroup,
        String associationId,
        String networkInterfaceId,
        String privateIpAddress) implements Resource {

    public Address {
        requireNonNull(id, "id is null");
        requireNonNull(publicIp, "publicIp is null");
        requireNonNull(networkBorderGroup, "networkBorderGroup is null");
    }

    public static Address allocated(String id, String publicIp, String networkBorderGroup) {
        return new Address(id, publicIp, networkBorderGroup, null, null, null);
    }

    public boolean isAssociated() {
        return associationId != null;
    }

    public Address associatedWith(String newAssociationId, String interfaceId, String privateIp) {
        return new Address(id, publicIp, networkBorderGroup, requireNonNull(newAssociationId, "newAssociationId is null"),
                requireNonNull(interfaceId, "interfaceId is null"), requireNonNull(privateIp, "privateIp is null"));
    }

    public Address disassociated() {
        return new Address(id, publicIp, networkBorderGroup, null, null, null);
    }
}
