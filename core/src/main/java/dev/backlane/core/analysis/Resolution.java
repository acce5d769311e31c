package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.model.VpcEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * What the destination became: an address (empty when the name does not resolve), the endpoint service
 * and the public service it belongs to, the interface endpoint whose interface answered, the DNS hop to
 * show (empty for an address given as such) and what is worth knowing about the resolution.
 */
record Resolution(Optional<Long> address, Optional<AwsService> service, Optional<PublicService> publicService, Optional<VpcEndpoint> endpoint,
        Optional<Hop> hop, List<Explanation> notes, String failure) {
    Resolution {
        requireNonNull(address, "address is null");
        requireNonNull(service, "service is null");
        requireNonNull(publicService, "publicService is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(hop, "hop is null");
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        requireNonNull(failure, "failure is null");
    }

    static Resolution unresolved(String name, String failure, List<Explanation> notes) {
        return new Resolution(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Hop.of(name, HopType.DNS, "does not resolve: " + failure)), notes, failure);
    }
}
