package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceIds;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.RouteTarget.Destination;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routes of a route table with EC2's rules: one route per destination, targets that exist and are
 * in the table's VPC, local routes that cannot be removed (only pointed elsewhere and back), gateway
 * endpoint routes that only their endpoint changes, and at most {@code routes-per-route-table}.
 */
public final class RouteCommands {
    public static final String ORIGIN_CREATE_ROUTE = "CreateRoute";
    public static final String ORIGIN_CREATE_ROUTE_TABLE = "CreateRouteTable";

    private final Quotas quotas;
    private final PrefixListLookup prefixLists;

    public RouteCommands(Quotas quotas, PrefixListLookup prefixLists) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
    }

    /** A prefix-list destination must name a list this account can see: AWS-managed or its own. */
    private void requireKnownPrefixList(Transaction transaction, Destination destination) {
        if (destination.prefixList() != null) {
            prefixLists.require(transaction.state(), transaction.region(), destination.prefixList());
        }
    }

    public Route create(Transaction transaction, String routeTableId, Destination destination, RouteTarget target) {
        RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        requireKnownPrefixList(transaction, destination);
        target.requireExactlyOne();
        if (target.isLocal()) {
            throw AwsException.of(ErrorCode.INVALID_GATEWAY_ID_NOT_FOUND, "The gateway ID 'local' does not exist");
        }
        requireTargetUsable(transaction, table, target);
        if (table.routes().stream().anyMatch(destination::matches)) {
            throw AwsException.of(ErrorCode.ROUTE_ALREADY_EXISTS, "The route identified by %s already exists.", destination.value());
        }
        long userRoutes = table.routes().stream().filter(route -> !route.isLocal()).count();
        quotas.check("routes-per-route-table", userRoutes, ErrorCode.ROUTE_LIMIT_EXCEEDED, "The maximum number of routes has been reached.");
        Route route = target.toRoute(destination, ORIGIN_CREATE_ROUTE);
        List<Route> routes = new ArrayList<>(table.routes());
        routes.add(route);
        transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
        return route;
    }

    /** Points an existing route at another target; a VPC CIDR's route may also be pointed back at {@code local}. */
    public Route replace(Transaction transaction, String routeTableId, Destination destination, RouteTarget target) {
        RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        requireKnownPrefixList(transaction, destination);
        target.requireExactlyOne();
        int index = indexOf(table, destination);
        if (index < 0) {
            throw AwsException.of(ErrorCode.INVALID_ROUTE_NOT_FOUND,
                    "There is no route defined for '%s' in the route table. Please correct the route table ID or destination and try again.",
                    destination.value());
        }
        Route existing = table.routes().get(index);
        requireNotEndpointManaged(table, existing);
        Route replacement;
        if (target.isLocal()) {
            if (!isVpcCidr(transaction, table, destination)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                        "The route target 'local' is only valid for a CIDR block of the VPC; %s is not one", destination.value());
            }
            replacement = target.toRoute(destination, ORIGIN_CREATE_ROUTE_TABLE);
        } else {
            requireTargetUsable(transaction, table, target);
            replacement = target.toRoute(destination, existing.origin());
        }
        List<Route> routes = new ArrayList<>(table.routes());
        routes.set(index, replacement);
        transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
        return replacement;
    }

    public void delete(Transaction transaction, String routeTableId, Destination destination) {
        RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        int index = indexOf(table, destination);
        if (index < 0) {
            throw AwsException.of(ErrorCode.INVALID_ROUTE_NOT_FOUND, "no route with %s %s in route table %s", destination.parameterName(),
                    destination.value(), table.id());
        }
        Route route = table.routes().get(index);
        if (route.isLocal() || ORIGIN_CREATE_ROUTE_TABLE.equals(route.origin())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "cannot remove local route %s in route table %s", destination.value(),
                    table.id());
        }
        requireNotEndpointManaged(table, route);
        List<Route> routes = new ArrayList<>(table.routes());
        routes.remove(index);
        transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
    }

    /** Whether the route is one a gateway endpoint placed: a prefix list to a {@code vpce-} gateway. */
    public static boolean isEndpointManaged(Route route) {
        return route.destinationPrefixListId() != null && route.gatewayId() != null && ResourceIds.prefixOf(route.gatewayId()).equals("vpce");
    }

    private static void requireNotEndpointManaged(RouteTable table, Route route) {
        if (isEndpointManaged(route)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "The route %s in route table %s is managed by VPC endpoint %s; modify the endpoint's route tables instead.",
                    route.destination(), table.id(), route.gatewayId());
        }
    }

    private static int indexOf(RouteTable table, Destination destination) {
        for (int i = 0; i < table.routes().size(); i++) {
            if (destination.matches(table.routes().get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isVpcCidr(Transaction transaction, RouteTable table, Destination destination) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, table.vpcId());
        return vpc.associatedCidrs().contains(destination.ipv4()) || vpc.associatedIpv6Cidrs().contains(destination.ipv6());
    }

    /** Throws AWS's error unless the target exists, is in the table's VPC and can carry traffic now. */
    private static void requireTargetUsable(Transaction transaction, RouteTable table, RouteTarget target) {
        if (target.gatewayId() != null) {
            requireGateway(transaction, table, target.gatewayId());
        } else if (target.natGatewayId() != null) {
            requireNatGateway(transaction, table, target.natGatewayId());
        } else if (target.networkInterfaceId() != null) {
            NetworkInterface networkInterface = transaction.get(ResourceTypes.NETWORK_INTERFACE, target.networkInterfaceId());
            requireSameNetwork(table, networkInterface.vpcId(), "interface", networkInterface.id());
        } else if (target.instanceId() != null) {
            requireModelled(transaction, table, target.instanceId(), ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
                    "The instance ID '%s' does not exist");
        } else if (target.vpcPeeringConnectionId() != null) {
            requireModelled(transaction, table, target.vpcPeeringConnectionId(), ErrorCode.INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND,
                    "The vpcPeeringConnection ID '%s' does not exist");
        } else if (target.transitGatewayId() != null) {
            requireModelled(transaction, table, target.transitGatewayId(), ErrorCode.INVALID_TRANSIT_GATEWAY_ID_NOT_FOUND,
                    "The transitGateway ID '%s' does not exist.");
        } else if (target.egressOnlyInternetGatewayId() != null) {
            requireModelled(transaction, table, target.egressOnlyInternetGatewayId(), ErrorCode.INVALID_GATEWAY_ID_NOT_FOUND,
                    "The gateway ID '%s' does not exist");
        } else if (target.localGatewayId() != null) {
            requireModelled(transaction, table, target.localGatewayId(), ErrorCode.INVALID_LOCAL_GATEWAY_ID_NOT_FOUND,
                    "The localGateway ID '%s' does not exist");
        } else if (target.carrierGatewayId() != null) {
            requireModelled(transaction, table, target.carrierGatewayId(), ErrorCode.INVALID_CARRIER_GATEWAY_ID_NOT_FOUND,
                    "The carrierGateway ID '%s' does not exist");
        } else if (target.vpcEndpointId() != null) {
            requireModelled(transaction, table, target.vpcEndpointId(), ErrorCode.INVALID_VPC_ENDPOINT_ID_NOT_FOUND,
                    "The Vpc Endpoint Id '%s' does not exist");
        } else if (target.coreNetworkArn() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The core network %s does not exist", target.coreNetworkArn());
        }
    }

    private static void requireGateway(Transaction transaction, RouteTable table, String gatewayId) {
        if (!ResourceIds.prefixOf(gatewayId).equals(ResourceTypes.INTERNET_GATEWAY.idPrefix())) {
            requireModelled(transaction, table, gatewayId, ErrorCode.INVALID_GATEWAY_ID_NOT_FOUND, "The gateway ID '%s' does not exist");
            return;
        }
        InternetGateway gateway = transaction.get(ResourceTypes.INTERNET_GATEWAY, gatewayId);
        if (!table.vpcId().equals(gateway.attachedVpcId())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "route table %s and network gateway %s belong to different networks",
                    table.id(), gateway.id());
        }
    }

    private static void requireNatGateway(Transaction transaction, RouteTable table, String natGatewayId) {
        ResourceTypes.NAT_GATEWAY.requireWellFormed(natGatewayId);
        NatGateway gateway = transaction.find(ResourceTypes.NAT_GATEWAY, natGatewayId)
                .filter(candidate -> !candidate.isDeleted())
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_NAT_GATEWAY_STATE, "The natGateway ID '%s' does not exist", natGatewayId));
        requireSameNetwork(table, gateway.vpcId(), "NAT gateway", gateway.id());
    }

    /**
     * A target of a kind that may not be modelled yet (instances, peering connections, ...): when its
     * kind is known it must exist and, if it lives in a VPC, be in the table's; otherwise it cannot exist.
     */
    private static void requireModelled(Transaction transaction, RouteTable table, String id, ErrorCode notFound, String notFoundFormat) {
        Optional<ResourceType<?>> type = ResourceTypes.byId(id);
        if (type.isEmpty()) {
            throw AwsException.of(notFound, notFoundFormat, id);
        }
        Resource resource = transaction.get(type.get(), id);
        if (resource instanceof InVpc member && member.vpcId() != null) {
            requireSameNetwork(table, member.vpcId(), type.get().name(), id);
        }
    }

    private static void requireSameNetwork(RouteTable table, String vpcId, String kind, String id) {
        if (!table.vpcId().equals(vpcId)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "route table %s and %s %s belong to different networks", table.id(), kind, id);
        }
    }
}
