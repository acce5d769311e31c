package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;

/** ServiceDetails of describe-vpc-endpoint-services, kept beside the world for offline analysis. */
final class ServiceDetailImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String name = text(item, "ServiceName");
        if (name == null) {
            context.note("a service detail without ServiceName is skipped");
            return;
        }
        context.service(new ServiceDetail(name, text(item, "ServiceId"), texts(item, "ServiceType", "ServiceType"),
                texts(item, "AvailabilityZones"), text(item, "Owner"), texts(item, "BaseEndpointDnsNames"), text(item, "PrivateDnsName"),
                bool(item, "VpcEndpointPolicySupported", false), bool(item, "AcceptanceRequired", false)));
    }
}
