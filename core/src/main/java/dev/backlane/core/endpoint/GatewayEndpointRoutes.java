package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The routes of gateway endpoints: in each of its route tables, the region's AWS-managed prefix list of
 * the service to the endpoint ({@code DestinationPrefixListId=pl-… → GatewayId=vpce-…}), at most one
 * such route per prefix list in a table.
 */
final class GatewayEndpointRoutes {
    private final AwsPrefixListCatalog prefixLists;

    GatewayEndpointRoutes(AwsPrefixListCatalog prefixLists) {
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
    }

    /** The prefix list a gateway endpoint of the service routes to. */
    String prefixListId(EndpointService service) {
        return prefixLists.region(service.region()).stream()
                .filter(list -> list.name().equals(service.serviceName()))
                .map(AwsPrefixList::id)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no AWS-managed prefix list for " + service.serviceName()));
    }

    /** The tables, each existing and in the VPC, without repeats, in the order given. */
    static List<RouteTable> tablesInVpc(Transaction transaction, String vpcId, List<String> routeTableIds) {
        List<RouteTable> tables = new ArrayList<>();
        for (String id : new LinkedHashSet<>(routeTableIds)) {
            RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, id);
            if (!table.vpcId().equals(vpcId)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Route table %s does not belong to VPC %s.", table.id(), vpcId);
            }
            tables.add(table);
        }
        return tables;
    }

    /** Adds the endpoint's route to the table; a table with a route to the prefix list already is refused. */
    void add(Transaction transaction, VpcEndpoint endpoint, String prefixListId, RouteTable table) {
        RouteTable current = transaction.get(ResourceTypes.ROUTE_TABLE, table.id());
        for (Route route : current.routes()) {
            if (prefixListId.equals(route.destinationPrefixListId())) {
                throw AwsException.of(ErrorCode.ROUTE_ALREADY_EXISTS, "route table %s already has a route with destination-prefix-list-id %s",
                        current.id(), prefixListId);
            }
        }
        List<Route> routes = new ArrayList<>(current.routes());
        routes.add(new Route(null, null, prefixListId, endpoint.id(), null, null, null, null, null, null, null, null, null, "CreateRoute"));
        transaction.put(ResourceTypes.ROUTE_TABLE, current.withRoutes(routes));
    }

    /** Removes the endpoint's routes from the table, if the table still exists. */
    static void remove(Transaction transaction, VpcEndpoint endpoint, String routeTableId) {
        transaction.find(ResourceTypes.ROUTE_TABLE, routeTableId).ifPresent(table -> {
            List<Route> routes = new ArrayList<>(table.routes());
            if (routes.removeIf(route -> endpoint.id().equals(route.gatewayId()))) {
                transaction.put(ResourceTypes.ROUTE_TABLE, table.withRoutes(routes));
            }
        });
    }
}
