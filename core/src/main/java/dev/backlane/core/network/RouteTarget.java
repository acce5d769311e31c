package dev.backlane.core.network;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The target parameters of CreateRoute and ReplaceRoute; exactly one is given ({@code localTarget} or
 * {@code gatewayId=local} only for ReplaceRoute).
 */
public record RouteTarget(
        String gatewayId,
        String natGatewayId,
        String networkInterfaceId,
        String instanceId,
        String vpcPeeringConnectionId,
        String transitGatewayId,
        String egressOnlyInternetGatewayId,
        String localGatewayId,
        String carrierGatewayId,
        String vpcEndpointId,
        String coreNetworkArn,
        boolean localTarget) {

    public static RouteTarget gateway(String gatewayId) {
        return new RouteTarget(gatewayId, null, null, null, null, null, null, null, null, null, null, false);
    }

    public static RouteTarget natGateway(String natGatewayId) {
        return new RouteTarget(null, natGatewayId, null, null, null, null, null, null, null, null, null, false);
    }

    public static RouteTarget networkInterface(String networkInterfaceId) {
        return new RouteTarget(null, null, networkInterfaceId, null, null, null, null, null, null, null, null, false);
    }

    /** Whether the target is the VPC's local router. */
    public boolean isLocal() {
        return localTarget || "local".equals(gatewayId);
    }

    /** Throws unless exactly one target is given. */
    void requireExactlyOne() {
        List<String> given = new ArrayList<>();
        for (String value : new String[] {gatewayId, natGatewayId, networkInterfaceId, instanceId, vpcPeeringConnectionId,
                transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId, vpcEndpointId, coreNetworkArn}) {
            if (value != null) {
                given.add(value);
            }
        }
        if (localTarget && gatewayId == null) {
            given.add("local");
        }
        if (given.isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER,
                    "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, instanceId, vpcPeeringConnectionId, "
                            + "transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId, vpcEndpointId or coreNetworkArn");
        }
        if (given.size() > 1) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "More than one target specified: %s", String.join(", ", given));
        }
    }

    /** The route to {@code destination} with this target; a VPC endpoint is reported as the route's gateway, as AWS does. */
    Route toRoute(Destination destination, String origin) {
        return new Route(destination.ipv4(), destination.ipv6(), destination.prefixList(),
                isLocal() ? "local" : vpcEndpointId != null ? vpcEndpointId : gatewayId, natGatewayId, networkInterfaceId, instanceId,
                vpcPeeringConnectionId, transitGatewayId, egressOnlyInternetGatewayId, localGatewayId, carrierGatewayId, coreNetworkArn,
                origin);
    }

    /** A route's destination: exactly one of an IPv4 CIDR, an IPv6 CIDR or a prefix list, in canonical form. */
    public record Destination(String ipv4, String ipv6, String prefixList) {
        public static Destination parse(String ipv4Cidr, String ipv6Cidr, String prefixListId) {
            int given = (ipv4Cidr == null ? 0 : 1) + (ipv6Cidr == null ? 0 : 1) + (prefixListId == null ? 0 : 1);
            if (given == 0) {
                throw AwsException.of(ErrorCode.MISSING_PARAMETER,
                        "The request must contain the parameter destinationCidrBlock or destinationIpv6CidrBlock or destinationPrefixListId");
            }
            if (given > 1) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION,
                        "Only one of destinationCidrBlock, destinationIpv6CidrBlock or destinationPrefixListId may be specified");
            }
            if (ipv4Cidr != null) {
                return new Destination(CidrRules.ipv4(ipv4Cidr, "destinationCidrBlock").toString(), null, null);
            }
            if (ipv6Cidr != null) {
                return new Destination(null, CidrRules.ipv6(ipv6Cidr, "destinationIpv6CidrBlock").toString(), null);
            }
            // AWS-managed lists are not resources of the account, so only the form is checked here.
            if (!dev.backlane.core.model.ResourceIds.isWellFormed("pl", prefixListId)) {
                throw AwsException.of(ErrorCode.INVALID_PREFIX_LIST_ID_MALFORMED, "Invalid id: \"%s\" (expecting \"pl-...\")", prefixListId);
            }
            return new Destination(null, null, prefixListId);
        }

        public String value() {
            return ipv4 != null ? ipv4 : ipv6 != null ? ipv6 : prefixList;
        }

        /** The parameter naming this kind of destination, as AWS's messages write it. */
        public String parameterName() {
            return ipv4 != null ? "destination-cidr-block" : ipv6 != null ? "destination-ipv6-cidr-block" : "destination-prefix-list-id";
        }

        public boolean matches(Route route) {
            return java.util.Objects.equals(ipv4, route.destinationCidrBlock())
                    && java.util.Objects.equals(ipv6, route.destinationIpv6CidrBlock())
                    && java.util.Objects.equals(prefixList, route.destinationPrefixListId());
        }
    }
}
