package dev.backlane.core.network;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.ResourceIds;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.RouteTableAssociation;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Route tables and their associations with EC2's rules: a new table has a local route for every CIDR
 * of its VPC; a subnet or gateway has at most one explicit association; the main association can be
 * moved to another table of the VPC but not removed; a table with associations cannot be deleted.
 */
public final class RouteTableCommands {
    private final Quotas quotas;

    public RouteTableCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    public RouteTable create(Transaction transaction, String vpcId) {
        Vpc vpc = transaction.get(ResourceTypes.VPC, vpcId);
        long tablesInVpc = transaction.inVpc(ResourceTypes.ROUTE_TABLE, vpc.id()).size();
        quotas.check("route-tables-per-vpc", tablesInVpc, ErrorCode.ROUTE_TABLE_LIMIT_EXCEEDED,
                "The maximum number of route tables has been reached.");
        List<Route> routes = new ArrayList<>();
        vpc.associatedCidrs().forEach(cidr -> routes.add(Route.local(cidr, false)));
        vpc.associatedIpv6Cidrs().forEach(cidr -> routes.add(Route.local(cidr, true)));
        return transaction.put(ResourceTypes.ROUTE_TABLE,
                new RouteTable(transaction.newId(ResourceTypes.ROUTE_TABLE), vpc.id(), routes, List.of(), List.of()));
    }

    public void delete(Transaction transaction, String routeTableId) {
        RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        if (!table.associations().isEmpty()) {
            throw AwsException.of(ErrorCode.DEPENDENCY_VIOLATION, "The routeTable '%s' has dependencies and cannot be deleted.", table.id());
        }
        transaction.remove(ResourceTypes.ROUTE_TABLE, table.id());
    }

    /** Associates the table with a subnet or a gateway (exactly one of them). */
    public RouteTableAssociation associate(Transaction transaction, String routeTableId, String subnetId, String gatewayId) {
        RouteTable table = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        if ((subnetId == null) == (gatewayId == null)) {
            throw AwsException.of(subnetId == null ? ErrorCode.MISSING_PARAMETER : ErrorCode.INVALID_PARAMETER_COMBINATION,
                    "Exactly one of subnetId or gatewayId must be specified");
        }
        if (subnetId != null) {
            Subnet subnet = transaction.get(ResourceTypes.SUBNET, subnetId);
            if (!subnet.vpcId().equals(table.vpcId())) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Route table %s and subnet %s belong to different networks",
                        table.id(), subnet.id());
            }
            requireUnassociated(transaction, table, association -> subnet.id().equals(association.subnetId()));
        } else {
            requireGatewayInVpc(transaction, table, gatewayId);
            requireUnassociated(transaction, table, association -> gatewayId.equals(association.gatewayId()));
        }
        RouteTableAssociation association = new RouteTableAssociation(transaction.ids().next("rtbassoc"), table.id(), subnetId, gatewayId,
                false, "associated");
        List<RouteTableAssociation> associations = new ArrayList<>(table.associations());
        associations.add(association);
        transaction.put(ResourceTypes.ROUTE_TABLE, table.withAssociations(associations));
        return association;
    }

    public void disassociate(Transaction transaction, String associationId) {
        Located located = locate(transaction, associationId);
        if (located.association().main()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "cannot disassociate the main route table association %s", associationId);
        }
        transaction.put(ResourceTypes.ROUTE_TABLE, located.table().withAssociations(without(located.table(), associationId)));
    }

    /**
     * Moves an association (a subnet's, a gateway's or the VPC's main one) to another table of the same
     * VPC; the association gets a new ID.
     */
    public RouteTableAssociation replaceAssociation(Transaction transaction, String associationId, String routeTableId) {
        Located located = locate(transaction, associationId);
        RouteTable target = transaction.get(ResourceTypes.ROUTE_TABLE, routeTableId);
        if (!target.vpcId().equals(located.table().vpcId())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Route table %s and association %s belong to different networks",
                    target.id(), associationId);
        }
        RouteTableAssociation old = located.association();
        transaction.put(ResourceTypes.ROUTE_TABLE, located.table().withAssociations(without(located.table(), associationId)));
        RouteTable current = transaction.get(ResourceTypes.ROUTE_TABLE, target.id());
        RouteTableAssociation moved = new RouteTableAssociation(transaction.ids().next("rtbassoc"), current.id(), old.subnetId(),
                old.gatewayId(), old.main(), "associated");
        List<RouteTableAssociation> associations = new ArrayList<>(current.associations());
        associations.add(moved);
        transaction.put(ResourceTypes.ROUTE_TABLE, current.withAssociations(associations));
        return moved;
    }

    /** The table holding an association and the association itself. */
    public record Located(RouteTable table, RouteTableAssociation association) {}

    public static Optional<Located> find(Transaction transaction, String associationId) {
        for (RouteTable table : transaction.all(ResourceTypes.ROUTE_TABLE)) {
            for (RouteTableAssociation association : table.associations()) {
                if (association.id().equals(associationId)) {
                    return Optional.of(new Located(table, association));
                }
            }
        }
        return Optional.empty();
    }

    private static Located locate(Transaction transaction, String associationId) {
        return find(transaction, associationId).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_ASSOCIATION_ID_NOT_FOUND,
                "The association ID '%s' does not exist", associationId));
    }

    private static List<RouteTableAssociation> without(RouteTable table, String associationId) {
        List<RouteTableAssociation> remaining = new ArrayList<>(table.associations());
        remaining.removeIf(association -> association.id().equals(associationId));
        return remaining;
    }

    private static void requireUnassociated(Transaction transaction, RouteTable table,
            java.util.function.Predicate<RouteTableAssociation> sameTarget) {
        boolean taken = transaction.all(ResourceTypes.ROUTE_TABLE).stream()
                .flatMap(candidate -> candidate.associations().stream())
                .anyMatch(sameTarget);
        if (taken) {
            throw AwsException.of(ErrorCode.RESOURCE_ALREADY_ASSOCIATED,
                    "the specified association for route table %s conflicts with an existing association", table.id());
        }
    }

    /** An edge association names an internet gateway (or virtual private gateway) attached to the table's VPC. */
    private static void requireGatewayInVpc(Transaction transaction, RouteTable table, String gatewayId) {
        if (ResourceIds.prefixOf(gatewayId).equals("vgw")) {
            throw AwsException.of(ErrorCode.INVALID_GATEWAY_ID_NOT_FOUND, "The gateway ID '%s' does not exist", gatewayId);
        }
        if (!ResourceTypes.INTERNET_GATEWAY.isWellFormed(gatewayId)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter gatewayId is invalid.", gatewayId);
        }
        InternetGateway gateway = transaction.get(ResourceTypes.INTERNET_GATEWAY, gatewayId);
        if (!table.vpcId().equals(gateway.attachedVpcId())) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "route table %s and network gateway %s belong to different networks",
                    table.id(), gateway.id());
        }
    }
}
