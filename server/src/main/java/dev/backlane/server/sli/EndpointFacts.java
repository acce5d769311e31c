package dev.backlane.server.sli;

import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.cost.CostModel;
import dev.backlane.core.cost.CostReport;
import dev.backlane.core.cost.PriceList;
import dev.backlane.core.cost.TrafficVolumes;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.sli.SliKey;
import dev.backlane.core.sli.SliReport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The facts of each endpoint that its SLIs read from the world rather than from traffic: M7, the time from
 * CreateVpcEndpoint to available (its network interfaces ready), and M10, its month's cost over its GB at the traffic
 * observed so far (the cost model's).
 */
final class EndpointFacts implements Function<SliKey, SliReport.EndpointFacts> {
    private final Map<String, Duration> provisioning = new HashMap<>();
    private final Map<String, Double> costPerGb = new HashMap<>();

    EndpointFacts(WorldIndex world, Instant now, TrafficVolumes traffic) {
        for (ScopeIndex scope : world.scopes()) {
            for (VpcEndpoint endpoint : scope.endpoints()) {
                if (endpoint.stateAt(now) == VpcEndpointState.AVAILABLE && endpoint.creationTimestamp() != null) {
                    provisioning.put(endpoint.id(), Duration.between(endpoint.creationTimestamp(), endpoint.lifecycle().readyAt()));
                }
            }
        }
        CostReport report = new CostModel(PriceList.standard()).estimate(world.scopes(), traffic, now);
        for (CostReport.ScopeCost scope : report.scopes()) {
            for (CostReport.ComponentCost component : scope.components()) {
                component.costPerGb().ifPresent(perGb -> costPerGb.put(component.id(), perGb.doubleValue()));
            }
        }
    }

    /** The IDs of the world's endpoints, so that one without traffic still has its SLIs listed. */
    static List<String> endpointIds(WorldIndex world) {
        return world.scopes().stream().flatMap(scope -> scope.endpoints().stream()).map(VpcEndpoint::id).sorted().toList();
    }

    @Override
    public SliReport.EndpointFacts apply(SliKey key) {
        if (key.kind() != SliKey.Kind.ENDPOINT) {
            return SliReport.EndpointFacts.NONE;
        }
        Double cost = costPerGb.get(key.id());
        return new SliReport.EndpointFacts(Optional.ofNullable(provisioning.get(key.id())), cost == null ? OptionalDouble.empty() : OptionalDouble.of(cost));
    }
}
