package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** The association of a route table with a subnet or gateway, or the main association of its VPC. */
public record RouteTableAssociation(String id, String routeTableId, String subnetId, String gatewayId, boolean main, String state) {
    public RouteTableAssociation {
        requireNonNull(id, "id is null");
        requireNonNull(routeTableId, "routeTableId is null");
        requireNonNull(state, "state is null");
    }
}
