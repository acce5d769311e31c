package dev.backlane.core.model;

/**
 * A route of a route table: one destination (IPv4 CIDR, IPv6 CIDR or prefix list) and one target.
 * {@code origin} is {@code CreateRouteTable} for the local route, {@code CreateRoute} for the user's,
 * {@code CreateRoute} too for a gateway endpoint's (AWS reports those so). The state Backlane shows
 * ({@code active}, or {@code blackhole} once the target is gone) is derived when described;
 * {@code recordedState} is the state AWS reported for a route imported from an account snapshot, and
 * null for routes made here.
 */
public record Route(
        String destinationCidrBlock,
        String destinationIpv6CidrBlock,
        String destinationPrefixListId,
        String gatewayId,
        String natGatewayId,
        String networkInterfaceId,
        String instanceId,
        String vpcPeeringConnectionId,
        String transitGatewayId,
        String egressOnlyInternetGatewayId,
        String localGatewayId,
        String carrierGatewayId,
        String coreNetworkArn,
        String origin,
        String recordedState) {

    /** A route made in Backlane, whose state is derived from its target. */
    public Route(String destinationCidrBlock, String destinationIpv6CidrBlock, String destinationPrefixListId, String gatewayId,
            String natGatewayId, String networkInterfaceId, String instanceId, String vpcPeeringConnectionId, String transitGatewayId,
            String egressOnlyInternetGatewayId, String localGatewayId, String carrierGatewayId, String coreNetworkArn, String origin) {
        this(destinationCidrBlock, destinationIpv6CidrBlock, destinationPrefixListId, gatewayId, natGatewayId, networkInterfaceId,
                instanceId, vpcPeeringConnectionId, transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId,
                coreNetworkArn, origin, null);
    }

    /** The destination, whichever kind it is. */
    public String destination() {
        return destinationCidrBlock != null ? destinationCidrBlock
                : destinationIpv6CidrBlock != null ? destinationIpv6CidrBlock : destinationPrefixListId;
    }

    /** The ID of the target, whichever kind it is. */
    public String target() {
        for (String target : new String[] {gatewayId, natGatewayId, networkInterfaceId, instanceId, vpcPeeringConnectionId,
                transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId, coreNetworkArn}) {
            if (target != null) {
                return target;
            }
        }
        return null;
    }

    public boolean isLocal() {
        return "local".equals(gatewayId);
    }

    public static Route local(String cidr, boolean ipv6) {
        return new Route(ipv6 ? null : cidr, ipv6 ? cidr : null, null, "local", null, null, null, null, null, null, null, null, null,
                "CreateRouteTable");
    }
}
