package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import java.util.ArrayList;
import java.util.List;

/** RouteTables of describe-route-tables: every route with its target, origin and the state AWS reported, and the associations. */
final class RouteTableImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "RouteTableId");
        String vpcId = text(item, "VpcId");
        if (id == null || vpcId == null) {
            context.note("a route table without RouteTableId or VpcId is skipped");
            return;
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : items(item, "Routes")) {
            Route read = route(route);
            if (read.destination() == null) {
                context.note(id + ": a route without a destination is skipped");
            } else {
                routes.add(read);
            }
        }
        List<RouteTableAssociation> associations = new ArrayList<>();
        for (JsonNode association : items(item, "Associations")) {
            String associationId = text(association, "RouteTableAssociationId");
            if (associationId == null) {
                context.note(id + ": an association without RouteTableAssociationId is skipped");
                continue;
            }
            associations.add(new RouteTableAssociation(associationId, text(association, "RouteTableId", id), text(association, "SubnetId"),
                    text(association, "GatewayId"), bool(association, "Main", false),
                    text(object(association, "AssociationState"), "State", "associated")));
        }
        context.put(ResourceTypes.ROUTE_TABLE, new RouteTable(id, vpcId, routes, associations, texts(item, "PropagatingVgws", "GatewayId")),
                item);
    }

    private static Route route(JsonNode route) {
        return new Route(text(route, "DestinationCidrBlock"), text(route, "DestinationIpv6CidrBlock"), text(route, "DestinationPrefixListId"),
                text(route, "GatewayId"), text(route, "NatGatewayId"), text(route, "NetworkInterfaceId"), text(route, "InstanceId"),
                text(route, "VpcPeeringConnectionId"), text(route, "TransitGatewayId"), text(route, "EgressOnlyInternetGatewayId"),
                text(route, "LocalGatewayId"), text(route, "CarrierGatewayId"), text(route, "CoreNetworkArn"),
                text(route, "Origin", "CreateRoute"), text(route, "State", "active"));
    }
}
