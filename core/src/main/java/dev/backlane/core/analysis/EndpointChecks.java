package dev.backlane.core.analysis;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.endpointservice.EndpointServiceZones;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.zone.ZoneMappings;
import java.util.List;
import java.util.Optional;

/**
 * What an endpoint must be for traffic to pass: available (not waiting for acceptance, rejected or still
 * being created), its service offered in the zone of the interface used; and what is worth reporting:
 * an interface in another zone than the source's.
 */
final class EndpointChecks {
    private EndpointChecks() {}

    static Optional<Explanation> state(VpcEndpoint endpoint, java.time.Instant at) {
        VpcEndpointState state = EndpointView.state(endpoint, at);
        Optional<ExplanationCode> code = switch (state) {
            case AVAILABLE -> Optional.empty();
            case PENDING_ACCEPTANCE -> Optional.of(ExplanationCode.ENDPOINT_PENDING_ACCEPTANCE);
            case REJECTED -> Optional.of(ExplanationCode.ENDPOINT_REJECTED);
            case PENDING -> Optional.of(ExplanationCode.ENDPOINT_PENDING);
            case DELETING, DELETED, FAILED, EXPIRED, PARTIAL -> Optional.of(ExplanationCode.ENDPOINT_NOT_AVAILABLE);
        };
        return code.map(found -> new Explanation(found, endpoint.id(), endpoint.id() + " is " + state.awsName()));
    }

    /**
     * VPCE_SERVICE_NOT_INSTALLED_IN_AZ when the service is known (the catalogue's, or a provider's endpoint
     * service in the world) and is not offered in the interface's zone. Zones are compared by zone ID: a
     * provider's "us-east-1a" need not be the consumer's.
     */
    static Optional<Explanation> serviceZone(WorldIndex world, ScopeIndex index, VpcEndpoint endpoint, NetworkInterface eni) {
        Optional<List<String>> offered = index.services().service(endpoint.serviceName()).map(AwsService::availabilityZoneIds)
                .or(() -> providerZoneIds(world, index.scope().region(), endpoint.serviceName()));
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        ZoneMapping mapping = ZoneMappings.standard().of(index.state(), index.scope());
        String zoneId = zoneId(index, eni);
        if (offered.get().contains(zoneId)) {
            return Optional.empty();
        }
        List<String> offeredHere = mapping.named(offered.get()).stream().map(zone -> zone.name() + " (" + zone.id() + ")").toList();
        return Optional.of(new Explanation(ExplanationCode.VPCE_SERVICE_NOT_INSTALLED_IN_AZ, endpoint.id(),
                endpoint.serviceName() + " is not offered in " + eni.availabilityZone() + " (" + zoneId + ") where " + eni.id() + " is; it is offered in "
                        + (offeredHere.isEmpty() ? "no zone" : String.join(", ", offeredHere))));
    }

    /** The physical zone of an interface: its zone ID, or the ID its account's mapping gives its zone's name. */
    static String zoneId(ScopeIndex index, NetworkInterface eni) {
        if (eni.availabilityZoneId() != null && !eni.availabilityZoneId().isEmpty()) {
            return eni.availabilityZoneId();
        }
        return ZoneMappings.standard().of(index.state(), index.scope()).idOf(eni.availabilityZone());
    }

    /** The zone IDs of a provider's endpoint service of that name in the region, if the world holds it. */
    private static Optional<List<String>> providerZoneIds(WorldIndex world, String region, String serviceName) {
        EndpointServiceZones zones = new EndpointServiceZones(RegionCatalog.standard());
        for (Scope owner : world.world().scopes()) {
            if (!owner.region().equals(region)) {
                continue;
            }
            ScopeState state = world.world().scope(owner);
            for (EndpointServiceConfiguration service : state.all(ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                if (service.serviceName().equals(serviceName)) {
                    return Optional.of(zones.ids(state, owner, service));
                }
            }
        }
        return Optional.empty();
    }

    /** AVAILABILITY_ZONE_CROSSED when the interface used is in another zone than the source. */
    static Optional<Explanation> crossZone(ScopeIndex index, VpcEndpoint endpoint, NetworkInterface eni, Subnet source) {
        if (eni.availabilityZone().equals(source.availabilityZone())) {
            return Optional.empty();
        }
        boolean hasLocal = endpoint.networkInterfaceIds().stream()
                .map(index::networkInterface)
                .flatMap(Optional::stream)
                .anyMatch(candidate -> candidate.availabilityZone().equals(source.availabilityZone()));
        String detail = "traffic from " + source.availabilityZone() + " goes to " + eni.id() + " in " + eni.availabilityZone()
                + (hasLocal ? "" : "; " + endpoint.id() + " has no interface in " + source.availabilityZone());
        return Optional.of(new Explanation(ExplanationCode.AVAILABILITY_ZONE_CROSSED, endpoint.id(), detail));
    }
}
