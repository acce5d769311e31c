package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A route table of a VPC: its routes and its associations (the main one included). */
public record RouteTable(String id, String vpcId, List<Route> routes, List<RouteTableAssociation> associations,
        List<String> propagatingVgws) implements Resource, InVpc {

    @Override
    public boolean isVpcDefault() {
        return isMain();
    }


    public RouteTable {
        requireNonNull(id, "id is null");
        requireNonNull(vpcId, "vpcId is null");
        routes = List.copyOf(requireNonNull(routes, "routes is null"));
        associations = List.copyOf(requireNonNull(associations, "associations is null"));
        propagatingVgws = List.copyOf(requireNonNull(propagatingVgws, "propagatingVgws is null"));
    }

    public boolean isMain() {
        return associations.stream().anyMatch(RouteTableAssociation::main);
    }

    public RouteTable withRoutes(List<Route> newRoutes) {
        return new RouteTable(id, vpcId, newRoutes, associations, propagatingVgws);
    }

    public RouteTable withAssociations(List<RouteTableAssociation> newAssociations) {
        return new RouteTable(id, vpcId, routes, newAssociations, propagatingVgws);
    }
}
