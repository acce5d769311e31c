package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * An address of a NAT gateway: the private address on its network interface and, for a public
 * gateway, the Elastic IP associated with it ({@code allocationId}, {@code publicIp} and
 * {@code associationId} are null for a private gateway).
 */
public record NatGatewayAddress(String networkInterfaceId, String privateIp, String allocationId, String publicIp, String associationId,
        boolean isPrimary) {
    public NatGatewayAddress {
        requireNonNull(networkInterfaceId, "networkInterfaceId is null");
        requireNonNull(privateIp, "privateIp is null");
    }
}
