package dev.backlane.core.analysis;

import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
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

    /** VPCE_SERVICE_NOT_INSTALLED_IN_AZ when the catalogue knows the service and it is not offered in the interface's zone. */
    static Optional<Explanation> serviceZone(ScopeIndex index, VpcEndpoint endpoint, NetworkInterface eni) {
        Optional<AwsService> service = index.services().service(endpoint.serviceName());
        if (service.isEmpty()) {
            return Optional.empty();
        }
        boolean offered = eni.availabilityZoneId() != null && !eni.availabilityZoneId().isEmpty()
                ? service.get().availabilityZoneIds().contains(eni.availabilityZoneId())
                : service.get().availabilityZones().contains(eni.availabilityZone());
        if (offered) {
            return Optional.empty();
        }
        return Optional.of(new Explanation(ExplanationCode.VPCE_SERVICE_NOT_INSTALLED_IN_AZ, endpoint.id(),
                endpoint.serviceName() + " is not offered in " + eni.availabilityZone() + " where " + eni.id() + " is"));
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
