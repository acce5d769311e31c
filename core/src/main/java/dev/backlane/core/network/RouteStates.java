package dev.backlane.core.network;

import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.world.ScopeState;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of a route, derived when it is read: {@code blackhole} once its target is gone (an internet
 * gateway detached from the table's VPC or deleted, a NAT gateway deleting or deleted, a network
 * interface deleted), else {@code active}. A route that AWS reported as a blackhole in an imported
 * snapshot stays one: the snapshot may lack what made it so.
 */
public final class RouteStates {
    public static final String ACTIVE = "active";
    public static final String BLACKHOLE = "blackhole";

    private RouteStates() {}

    public static String of(ScopeState state, RouteTable table, Route route, Instant at) {
        if (route.isLocal()) {
            return ACTIVE;
        }
        if (BLACKHOLE.equals(route.recordedState())) {
            return BLACKHOLE;
        }
        if (route.natGatewayId() != null) {
            Optional<NatGateway> gateway = state.find(ResourceTypes.NAT_GATEWAY, route.natGatewayId());
            boolean usable = gateway.map(candidate -> switch (candidate.state(at)) {
                case PENDING, AVAILABLE -> true;
                case DELETING, DELETED -> false;
            }).orElse(false);
            return usable ? ACTIVE : BLACKHOLE;
        }
        if (route.networkInterfaceId() != null) {
            return state.find(ResourceTypes.NETWORK_INTERFACE, route.networkInterfaceId()).isPresent() ? ACTIVE : BLACKHOLE;
        }
        String target = route.target();
        if (target == null) {
            return BLACKHOLE;
        }
        if (route.gatewayId() != null && ResourceTypes.INTERNET_GATEWAY.isWellFormed(route.gatewayId())) {
            Optional<InternetGateway> gateway = state.find(ResourceTypes.INTERNET_GATEWAY, route.gatewayId());
            return gateway.filter(candidate -> table.vpcId().equals(candidate.attachedVpcId())).isPresent() ? ACTIVE : BLACKHOLE;
        }
        // Targets of kinds not modelled here (endpoints, peering, ...) are active while their kind's resource exists.
        Optional<ResourceType<?>> type = ResourceTypes.byId(target);
        if (type.isEmpty()) {
            return ACTIVE;
        }
        return state.find(type.get(), target).isPresent() ? ACTIVE : BLACKHOLE;
    }
}
