package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An endpoint service as describe-vpc-endpoint-services showed it in the snapshot's region: which
 * endpoint types it offers, in which zones, its names, and whether it takes endpoint policies and
 * needs acceptance. The path engine checks an endpoint's zones against these.
 */
public record ServiceDetail(String serviceName, String serviceId, List<String> serviceTypes, List<String> availabilityZones, String owner,
        List<String> baseEndpointDnsNames, String privateDnsName, boolean vpcEndpointPolicySupported, boolean acceptanceRequired) {

    public ServiceDetail {
        requireNonNull(serviceName, "serviceName is null");
        serviceTypes = List.copyOf(requireNonNull(serviceTypes, "serviceTypes is null"));
        availabilityZones = List.copyOf(requireNonNull(availabilityZones, "availabilityZones is null"));
        baseEndpointDnsNames = List.copyOf(requireNonNull(baseEndpointDnsNames, "baseEndpointDnsNames is null"));
    }

    public boolean offeredIn(String zone) {
        return availabilityZones.contains(zone);
    }
}
