package dev.backlane.server.api.ec2;

import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.RouteCommands;
import dev.backlane.core.network.RouteStates;
import dev.backlane.core.network.RouteTableCommands;
import dev.backlane.core.network.RouteTarget;
import dev.backlane.core.network.RouteTarget.Destination;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/** Route tables, their associations and their routes. */
public final class RouteTableOperations implements OperationFamily {
    private final RouteTableCommands tables;
    private final RouteCommands routes;

    public RouteTableOperations(RouteTableCommands tables, RouteCommands routes) {
        this.tables = tables;
        this.routes = routes;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateRouteTable", this::createRouteTable)
                .ec2("DeleteRouteTable", this::deleteRouteTable)
                .ec2("DescribeRouteTables", this::describeRouteTables)
                .ec2("AssociateRouteTable", this::associateRouteTable)
                .ec2("DisassociateRouteTable", this::disassociateRouteTable)
                .ec2("ReplaceRouteTableAssociation", this::replaceRouteTableAssociation)
                .ec2("CreateRoute", this::createRoute)
                .ec2("ReplaceRoute", this::replaceRoute)
                .ec2("DeleteRoute", this::deleteRoute);
    }

    /** The documented filters; a route's state depends on the time of the describe. */
    static FilterSet<RouteTable> filters(Instant at) {
        return FilterSet.<RouteTable>builder()
                .add("association.gateway-id", table -> associations(table, RouteTableAssociation::gatewayId))
                .add("association.main", table -> associations(table, RouteTableAssociation::main))
                .add("association.route-table-association-id", table -> associations(table, RouteTableAssociation::id))
                .add("association.route-table-id", table -> associations(table, RouteTableAssociation::routeTableId))
                .add("association.subnet-id", table -> associations(table, RouteTableAssociation::subnetId))
                .add("owner-id", (table, context) -> context.scope().account())
                .add("route-table-id", RouteTable::id)
                .add("route.destination-cidr-block", table -> routes(table, Route::destinationCidrBlock))
                .add("route.destination-ipv6-cidr-block", table -> routes(table, Route::destinationIpv6CidrBlock))
                .add("route.destination-prefix-list-id", table -> routes(table, Route::destinationPrefixListId))
                .add("route.egress-only-internet-gateway-id", table -> routes(table, Route::egressOnlyInternetGatewayId))
                .add("route.gateway-id", table -> routes(table, Route::gatewayId))
                .add("route.instance-id", table -> routes(table, Route::instanceId))
                .add("route.nat-gateway-id", table -> routes(table, Route::natGatewayId))
                .add("route.origin", table -> routes(table, Route::origin))
                .add("route.state", (table, context) -> table.routes().stream()
                        .map(route -> RouteStates.of(context.state(), table, route, at)).toList())
                .add("route.transit-gateway-id", table -> routes(table, Route::transitGatewayId))
                .add("route.vpc-peering-connection-id", table -> routes(table, Route::vpcPeeringConnectionId))
                .add("vpc-id", RouteTable::vpcId)
                .build();
    }

    private static Object associations(RouteTable table, Function<RouteTableAssociation, Object> field) {
        return table.associations().stream().map(field).toList();
    }

    private static Object routes(RouteTable table, Function<Route, Object> field) {
        return table.routes().stream().map(field).toList();
    }

    private Map<String, Object> createRouteTable(Call call) {
        Input input = call.input();
        String vpcId = input.requiredString("VpcId", "VpcId");
        return call.write(transaction -> {
            RouteTable table = tables.create(transaction, vpcId);
            TagInputs.applySpecifications(transaction, input, table.id(), ResourceTypes.ROUTE_TABLE);
            return Output.create()
                    .put("RouteTable", RouteTableShapes.routeTable(table, call.scope(), transaction.state(), transaction.now()))
                    .put("ClientToken", input.string("ClientToken"))
                    .build();
        });
    }

    private Map<String, Object> deleteRouteTable(Call call) {
        String routeTableId = call.input().requiredString("RouteTableId", "RouteTableId");
        return call.run(transaction -> tables.delete(transaction, routeTableId));
    }

    private Map<String, Object> describeRouteTables(Call call) {
        Instant at = call.now();
        Page<RouteTable> page = new Describer<>(ResourceTypes.ROUTE_TABLE, "RouteTableIds", "routeTableIds", filters(at)).describe(call);
        var state = call.read();
        return Output.create()
                .put("RouteTables", page.items().stream().map(table -> RouteTableShapes.routeTable(table, call.scope(), state, at)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> associateRouteTable(Call call) {
        Input input = call.input();
        String routeTableId = input.requiredString("RouteTableId", "RouteTableId");
        return call.write(transaction -> {
            RouteTableAssociation association = tables.associate(transaction, routeTableId, input.string("SubnetId"), input.string("GatewayId"));
            return Output.create()
                    .put("AssociationId", association.id())
                    .put("AssociationState", RouteTableShapes.associationState(association))
                    .build();
        });
    }

    private Map<String, Object> disassociateRouteTable(Call call) {
        String associationId = call.input().requiredString("AssociationId", "AssociationId");
        return call.run(transaction -> tables.disassociate(transaction, associationId));
    }

    private Map<String, Object> replaceRouteTableAssociation(Call call) {
        Input input = call.input();
        String associationId = input.requiredString("AssociationId", "AssociationId");
        String routeTableId = input.requiredString("RouteTableId", "RouteTableId");
        return call.write(transaction -> {
            RouteTableAssociation association = tables.replaceAssociation(transaction, associationId, routeTableId);
            return Output.create()
                    .put("NewAssociationId", association.id())
                    .put("AssociationState", RouteTableShapes.associationState(association))
                    .build();
        });
    }

    private Map<String, Object> createRoute(Call call) {
        Input input = call.input();
        String routeTableId = input.requiredString("RouteTableId", "RouteTableId");
        return call.write(transaction -> {
            routes.create(transaction, routeTableId, destination(input), target(input));
            return Output.of("Return", true);
        });
    }

    private Map<String, Object> replaceRoute(Call call) {
        Input input = call.input();
        String routeTableId = input.requiredString("RouteTableId", "RouteTableId");
        return call.run(transaction -> routes.replace(transaction, routeTableId, destination(input), target(input)));
    }

    private Map<String, Object> deleteRoute(Call call) {
        Input input = call.input();
        String routeTableId = input.requiredString("RouteTableId", "RouteTableId");
        return call.run(transaction -> routes.delete(transaction, routeTableId, destination(input)));
    }

    private static Destination destination(Input input) {
        return Destination.parse(input.string("DestinationCidrBlock"), input.string("DestinationIpv6CidrBlock"),
                input.string("DestinationPrefixListId"));
    }

    private static RouteTarget target(Input input) {
        return new RouteTarget(input.string("GatewayId"), input.string("NatGatewayId"), input.string("NetworkInterfaceId"),
                input.string("InstanceId"), input.string("VpcPeeringConnectionId"), input.string("TransitGatewayId"),
                input.string("EgressOnlyInternetGatewayId"), input.string("LocalGatewayId"), input.string("CarrierGatewayId"),
                input.string("VpcEndpointId"), input.string("CoreNetworkArn"), input.bool("LocalTarget", false));
    }
}
