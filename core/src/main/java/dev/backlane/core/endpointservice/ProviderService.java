package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.EndpointService;
import java.util.List;
import java.util.Map;

/**
 * A provider's endpoint service as consumers see it in DescribeVpcEndpointServices and as
 * CreateVpcEndpoint connects to it: its zones are its load balancers' at the time it was read, its owner
 * the provider's account. Endpoint policies are not offered for providers' services.
 */
record ProviderService(
        String serviceName,
        String serviceId,
        String region,
        String owner,
        List<String> types,
        List<String> availabilityZones,
        List<String> availabilityZoneIds,
        String privateDnsName,
        List<String> baseEndpointDnsNames,
        boolean acceptanceRequired,
        List<String> supportedIpAddressTypes,
        String payerResponsibility,
        String privateDnsNameVerificationState,
        Map<String, String> tags) implements EndpointService {

    ProviderService {
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceId, "serviceId is null");
        requireNonNull(region, "region is null");
        requireNonNull(owner, "owner is null");
        types = List.copyOf(types);
        availabilityZones = List.copyOf(availabilityZones);
        availabilityZoneIds = List.copyOf(availabilityZoneIds);
        baseEndpointDnsNames = List.copyOf(baseEndpointDnsNames);
        supportedIpAddressTypes = List.copyOf(supportedIpAddressTypes);
        tags = Map.copyOf(tags);
    }

    @Override
    public boolean policySupported() {
        return false;
    }

    @Override
    public boolean managesVpcEndpoints() {
        return false;
    }
}
