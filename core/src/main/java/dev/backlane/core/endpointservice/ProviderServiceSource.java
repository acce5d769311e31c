package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.EndpointServiceSource;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Providers' endpoint services for the consumers' side: the services of every account in the region
 * that the caller may see, its own and those whose allowed principals admit it. Services are not
 * offered across regions. Each caller sees a service's zones under its own zone names.
 */
public final class ProviderServiceSource implements EndpointServiceSource {
    private final EndpointServiceZones zones;

    public ProviderServiceSource(EndpointServiceZones zones) {
        this.zones = requireNonNull(zones, "zones is null");
    }

    @Override
    public List<EndpointService> visibleTo(World world, Scope caller, String serviceRegion) {
        if (!caller.region().equals(serviceRegion)) {
            return List.of();
        }
        List<EndpointService> services = new ArrayList<>();
        for (Scope owner : world.scopes()) {
            if (!owner.region().equals(serviceRegion)) {
                continue;
            }
            ScopeState state = world.scope(owner);
            for (EndpointServiceConfiguration service : state.all(ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                if (service.allows(owner.account(), caller.account())) {
                    services.add(view(world, caller, owner, service));
                }
            }
        }
        return services;
    }

    /** The service as the caller sees it: its zones under the caller's zone names. */
    private ProviderService view(World world, Scope caller, Scope owner, EndpointServiceConfiguration service) {
        ScopeState state = world.scope(owner);
        List<AvailabilityZone> seen = zones.seenBy(world, caller, owner, service);
        return new ProviderService(service.serviceName(), service.id(), owner.region(), owner.account(), List.of(service.type().awsName()),
                seen.stream().map(AvailabilityZone::name).toList(), seen.stream().map(AvailabilityZone::id).toList(), service.privateDnsName(), List.of(service.baseEndpointDnsName(owner.region())),
                service.acceptanceRequired(), service.supportedIpAddressTypes(), service.payerResponsibility(),
                service.privateDnsNameState() == null ? null : service.privateDnsNameState().awsName(), state.find(ResourceTypes.TAGS, service.id())
                        .<Map<String, String>>map(ResourceTags::tags).orElse(Map.of()));
    }
}
