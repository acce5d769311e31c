package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one client connection of a workload's gateway carries, as faults on connections are scoped: the service of its
 * calls (the signing name, {@code s3}) or of its tunnel (the endpoint service's ID, {@code vpce-svc-…}), and the VPC
 * endpoint the path leaves through, when it leaves through one.
 */
public record ConnectionTraffic(Optional<String> service, Optional<String> endpoint) {
    public ConnectionTraffic {
        requireNonNull(service, "service is null");
        requireNonNull(endpoint, "endpoint is null");
    }
}
