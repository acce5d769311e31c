package dev.backlane.core.analysis;

import dev.backlane.core.fault.FaultScope.Field;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.VpcEndpoint;
import java.util.Optional;

/**
 * The {@link FaultSubject}s the path engine and the VPC DNS view ask about: a VPC's DNS question answered by an
 * endpoint's private DNS (F1), and traffic from a source reaching an endpoint's interface (F2, F3, F4). The zone of
 * traffic is the zone of the endpoint interface it reaches; the subnet and interface are the source's.
 */
final class FaultSubjects {
    private static final String AWS_SERVICE_PREFIX = "com.amazonaws.";

    private FaultSubjects() {
    }

    /** A DNS question in the VPC that the endpoint's private DNS would answer. */
    static FaultSubject atEndpoint(ScopeIndex index, String vpcId, VpcEndpoint endpoint) {
        return FaultSubject.in(index.scope()).with(Field.VPC, vpcId).with(Field.ENDPOINT, endpoint.id())
                .with(Field.SERVICE, shortName(endpoint.serviceName(), index.scope().region()));
    }

    /** Traffic from the source reaching the endpoint (at {@code target}, one of its interfaces, when known), made as {@code principal} if known. */
    static FaultSubject traffic(ScopeIndex at, VpcEndpoint endpoint, Optional<NetworkInterface> target, Source source, Optional<String> principal) {
        return atEndpoint(at, endpoint.vpcId(), endpoint).with(Field.SUBNET, source.subnet().id())
                .with(Field.ZONE, target.map(NetworkInterface::availabilityZone).orElse(source.subnet().availabilityZone()))
                .with(Field.NETWORK_INTERFACE, source.networkInterface().map(NetworkInterface::id))
                .with(Field.PRINCIPAL, principal);
    }

    /**
     * The short name of a service ({@code s3} of {@code com.amazonaws.us-east-1.s3}, {@code s3-global.accesspoint}
     * of {@code com.amazonaws.s3-global.accesspoint}); an endpoint service of a customer is named by its
     * {@code vpce-svc-} ID.
     */
    static String shortName(String serviceName, String region) {
        String regional = AWS_SERVICE_PREFIX + region + ".";
        if (serviceName.startsWith(regional)) {
            return serviceName.substring(regional.length());
        }
        int svc = serviceName.lastIndexOf("vpce-svc-");
        if (svc >= 0) {
            return serviceName.substring(svc);
        }
        return serviceName.startsWith(AWS_SERVICE_PREFIX) ? serviceName.substring(AWS_SERVICE_PREFIX.length()) : serviceName;
    }
}
