package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.util.List;
import java.util.TreeSet;

/**
 * The Availability Zones of an endpoint service: those of its load balancers, read from the owner's
 * state, so a load balancer that gains or loses a zone changes the service's zones. A zone is the
 * physical zone (its zone ID, from the load balancer's subnet there); each account that looks at the
 * service sees it under its own zone names, as AWS's DescribeVpcEndpointServices shows it.
 */
public final class EndpointServiceZones {
    private final ZoneMappings mappings;

    public EndpointServiceZones(RegionCatalog regions) {
        this.mappings = new ZoneMappings(requireNonNull(regions, "regions is null"));
    }

    /** The service's zone IDs, sorted. */
    public List<String> ids(ScopeState owner, Scope ownerScope, EndpointServiceConfiguration service) {
        ZoneMapping ownerMapping = mappings.of(owner, ownerScope);
        TreeSet<String> ids = new TreeSet<>();
        for (String arn : service.loadBalancerArns()) {
            for (LoadBalancerZone zone : owner.find(ResourceTypes.LOAD_BALANCER, arn).map(LoadBalancer::zones).orElse(List.of())) {
                ids.add(owner.find(ResourceTypes.SUBNET, zone.subnetId()).map(Subnet::availabilityZoneId).filter(id -> !id.isEmpty())
                        .orElseGet(() -> ownerMapping.idOf(zone.zoneName())));
            }
        }
        return List.copyOf(ids);
    }

    /** The service's zones as its owner names them, sorted by name. */
    public List<AvailabilityZone> ofOwner(ScopeState owner, Scope ownerScope, EndpointServiceConfiguration service) {
        return mappings.of(owner, ownerScope).named(ids(owner, ownerScope, service));
    }

    /** The service's zones as {@code viewer} names them, sorted by name. */
    public List<AvailabilityZone> seenBy(World world, Scope viewer, Scope ownerScope, EndpointServiceConfiguration service) {
        return mappings.of(world, viewer).named(ids(world.scope(ownerScope), ownerScope, service));
    }
}
