package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ZoneMapping;
import java.util.List;

/**
 * An AWS service that offers VPC endpoints in one region, as DescribeVpcEndpointServices shows it:
 * {@code com.amazonaws.<region>.<service>}, its endpoint types, the zones it is offered in, its
 * private DNS name (for interface endpoints) and the base name of its endpoint-specific DNS names.
 */
public record AwsService(
        String serviceName,
        String shortName,
        String region,
        String serviceId,
        List<String> types,
        List<String> availabilityZones,
        List<String> availabilityZoneIds,
        boolean policySupported,
        String privateDnsName,
        List<String> baseEndpointDnsNames,
        boolean acceptanceRequired,
        boolean managesVpcEndpoints,
        List<String> supportedIpAddressTypes,
        String payerResponsibility,
        String owner) implements EndpointService {

    public AwsService {
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(shortName, "shortName is null");
        requireNonNull(region, "region is null");
        requireNonNull(serviceId, "serviceId is null");
        types = List.copyOf(types);
        availabilityZones = List.copyOf(availabilityZones);
        availabilityZoneIds = List.copyOf(availabilityZoneIds);
        baseEndpointDnsNames = List.copyOf(baseEndpointDnsNames);
        supportedIpAddressTypes = List.copyOf(supportedIpAddressTypes);
    }

    /** The service as an account with this zone mapping sees it: the same zones (IDs), under its zone names. */
    public AwsService seenWith(ZoneMapping mapping) {
        List<AvailabilityZone> zones = mapping.named(availabilityZoneIds);
        List<String> names = zones.stream().map(AvailabilityZone::name).toList();
        if (names.equals(availabilityZones)) {
            return this;
        }
        return new AwsService(serviceName, shortName, region, serviceId, types, names, zones.stream().map(AvailabilityZone::id).toList(),
                policySupported, privateDnsName, baseEndpointDnsNames, acceptanceRequired, managesVpcEndpoints, supportedIpAddressTypes,
                payerResponsibility, owner);
    }

    public boolean offers(String endpointType) {
        return types.contains(endpointType);
    }

    /** AWS services' private names are AWS's own, verified. */
    @Override
    public String privateDnsNameVerificationState() {
        return privateDnsName == null ? null : "verified";
    }

    @Override
    public String baseEndpointDnsName() {
        return baseEndpointDnsNames.isEmpty() ? shortName + "." + region + ".vpce.amazonaws.com" : baseEndpointDnsNames.get(0);
    }
}
