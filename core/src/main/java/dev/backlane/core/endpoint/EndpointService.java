package dev.backlane.core.endpoint;

import dev.backlane.core.model.VpcEndpointType;
import java.util.List;
import java.util.Map;

/**
 * A service a VPC endpoint can connect to, as DescribeVpcEndpointServices shows it and as
 * CreateVpcEndpoint needs it: an AWS service from the catalogue ({@link AwsService}) or, from
 * {@link EndpointServiceSource}s added later, an endpoint service of a provider account.
 */
public interface EndpointService {
    String serviceName();

    String serviceId();

    /** The region the service is in. */
    String region();

    /** {@code amazon} for AWS services, else the provider's account. */
    String owner();

    /** The endpoint types offered, as AWS names them ({@code Gateway}, {@code Interface}, {@code GatewayLoadBalancer}). */
    List<String> types();

    List<String> availabilityZones();

    List<String> availabilityZoneIds();

    boolean policySupported();

    /** The service's private DNS name, or null when it has none. */
    String privateDnsName();

    List<String> baseEndpointDnsNames();

    boolean acceptanceRequired();

    boolean managesVpcEndpoints();

    List<String> supportedIpAddressTypes();

    String payerResponsibility();

    /** {@code verified}, {@code pendingVerification} or {@code failed}; null when the service has no private DNS name. */
    String privateDnsNameVerificationState();

    /** The service's tags (a provider's services may have some; AWS services have none). */
    default Map<String, String> tags() {
        return Map.of();
    }

    default boolean offers(VpcEndpointType type) {
        return types().contains(type.awsName());
    }

    default boolean offeredIn(String zoneName) {
        return availabilityZones().contains(zoneName);
    }

    /**
     * Whether the service is offered in the zone: by zone ID, which names the same physical zone in
     * every account; by the caller's zone name only when the ID is not known (an old snapshot's subnet).
     */
    default boolean offeredIn(String zoneId, String zoneName) {
        return zoneId == null || zoneId.isEmpty() ? offeredIn(zoneName) : availabilityZoneIds().contains(zoneId);
    }

    /** The base of endpoint-specific DNS names, e.g. {@code ec2.us-east-1.vpce.amazonaws.com}. */
    default String baseEndpointDnsName() {
        return baseEndpointDnsNames().get(0);
    }
}
