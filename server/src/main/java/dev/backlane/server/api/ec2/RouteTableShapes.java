package dev.backlane.server.api.ec2;

import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.RouteStates;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.time.Instant;
import java.util.Map;

/** Route tables as the EC2 model's {@code RouteTable}, {@code Route} and {@code RouteTableAssociation} shapes. */
final class RouteTableShapes {
    private RouteTableShapes() {}

    static Map<String, Object> routeTable(RouteTable table, Scope scope, ScopeState state, Instant at) {
        return Output.create()
                .put("Associations", table.associations().stream().map(RouteTableShapes::association).toList())
                .put("PropagatingVgws", table.propagatingVgws().stream().map(vgw -> Output.of("GatewayId", vgw)).toList())
                .put("RouteTableId", table.id())
                .put("Routes", table.routes().stream().map(route -> route(table, route, state, at)).toList())
                .put("Tags", TagShapes.tagSet(state, table.id()))
                .put("VpcId", table.vpcId())
                .put("OwnerId", scope.account())
                .build();
    }

    static Map<String, Object> route(RouteTable table, Route route, ScopeState state, Instant at) {
        return Output.create()
                .put("DestinationCidrBlock", route.destinationCidrBlock())
                .put("DestinationIpv6CidrBlock", route.destinationIpv6CidrBlock())
                .put("DestinationPrefixListId", route.destinationPrefixListId())
                .put("EgressOnlyInternetGatewayId", route.egressOnlyInternetGatewayId())
                .put("GatewayId", route.gatewayId())
                .put("InstanceId", route.instanceId())
                .put("NatGatewayId", route.natGatewayId())
                .put("TransitGatewayId", route.transitGatewayId())
                .put("LocalGatewayId", route.localGatewayId())
                .put("CarrierGatewayId", route.carrierGatewayId())
                .put("NetworkInterfaceId", route.networkInterfaceId())
                .put("Origin", route.origin())
                .put("State", RouteStates.of(state, table, route, at))
                .put("VpcPeeringConnectionId", route.vpcPeeringConnectionId())
                .put("CoreNetworkArn", route.coreNetworkArn())
                .build();
    }

    static Map<String, Object> association(RouteTableAssociation association) {
        return Output.create()
                .put("Main", association.main())
                .put("RouteTableAssociationId", association.id())
                .put("RouteTableId", association.routeTableId())
                .put("SubnetId", association.subnetId())
                .put("GatewayId", association.gatewayId())
                .put("AssociationState", associationState(association))
                .build();
    }

    static Map<String, Object> associationState(RouteTableAssociation association) {
        return Output.of("State", association.state());
    }
}
