package dev.backlane.e2e;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;

/**
 * Zones to place interface endpoints in, as the calling account names them. Each account maps zone names
 * to zone IDs its own way, and a service is not offered in every zone ID (us-east-1's use1-az3 lacks many),
 * so a test account's "us-east-1a" may be a zone an endpoint cannot use.
 */
final class EndpointZones {
    private EndpointZones() {
    }

    /** The zone names, sorted, in which every one of the services is offered to this account. */
    static List<String> offeredByAll(Ec2Client ec2, String... serviceNames) {
        List<ServiceDetail> services = ec2.describeVpcEndpointServices(request -> request.serviceNames(serviceNames)).serviceDetails();
        List<String> zones = new ArrayList<>(services.get(0).availabilityZones());
        services.forEach(service -> zones.retainAll(service.availabilityZones()));
        return zones.stream().sorted().toList();
    }
}
