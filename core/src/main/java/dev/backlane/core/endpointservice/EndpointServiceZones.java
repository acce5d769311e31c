package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.AvailabilityZone;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import java.util.List;
import java.util.TreeSet;

/**
 * The Availability Zones of an endpoint service: those of its load balancers, read from the owner's
 * state, so a load balancer that gains or loses a zone changes the service's zones.
 */
public final class EndpointServiceZones {
    private final RegionCatalog regions;

    public EndpointServiceZones(RegionCatalog regions) {
        this.regions = requireNonNull(regions, "regions is null");
    }

    /** The zone names, sorted. */
    public List<String> names(ScopeState owner, EndpointServiceConfiguration service) {
        TreeSet<String> zones = new TreeSet<>();
        for (String arn : service.loadBalancerArns()) {
            owner.find(ResourceTypes.LOAD_BALANCER, arn).map(LoadBalancer::availabilityZoneNames).ifPresent(zones::addAll);
        }
        return List.copyOf(zones);
    }

    /** The zone IDs of the names, in the same order. */
    public List<String> ids(String region, List<String> names) {
        return names.stream()
                .map(name -> regions.region(region).flatMap(found -> found.zone(name)).map(AvailabilityZone::id).orElse(name))
                .toList();
    }
}
