package dev.backlane.core.cost;

import dev.backlane.core.analysis.RouteLookup;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.Subnet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Which share of a NAT gateway's traffic crosses between Availability Zones when only its total is known (assumed
 * traffic, as on a snapshot): the subnets whose route tables (explicit, else the VPC's main table) send anything to the
 * gateway are its sources, each taken to send an equal share, and a source in another zone than the gateway crosses —
 * the rule the live server applies to each workload's bytes, with the subnet standing in for the workload.
 */
public final class NatZoneShare {
    private NatZoneShare() {}

    /** From 0 to 1; 0 when no subnet routes to the gateway. */
    public static BigDecimal crossing(ScopeIndex scope, NatGateway nat) {
        List<Subnet> sources = scope.subnetsOf(nat.vpcId()).stream().filter(subnet -> routesTo(scope, subnet, nat)).toList();
        if (sources.isEmpty()) {
            return BigDecimal.ZERO;
        }
        long crossing = sources.stream().filter(subnet -> !subnet.availabilityZone().equals(nat.availabilityZone())).count();
        return BigDecimal.valueOf(crossing).divide(BigDecimal.valueOf(sources.size()), MathContext.DECIMAL64);
    }

    private static boolean routesTo(ScopeIndex scope, Subnet subnet, NatGateway nat) {
        return scope.routeTableOf(subnet).map(RouteLookup::table).stream().flatMap(table -> table.routes().stream())
                .anyMatch(route -> nat.id().equals(route.natGatewayId()));
    }
}
