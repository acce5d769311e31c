package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.Address;
import dev.backlane.core.model.ResourceTypes;

/** Addresses of describe-addresses: VPC Elastic IPs by allocation ID; EC2-Classic addresses, which have none, are left out. */
final class AddressImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "AllocationId");
        String publicIp = text(item, "PublicIp");
        if (id == null || publicIp == null) {
            context.note("an address without AllocationId or PublicIp (EC2-Classic) is skipped");
            return;
        }
        String association = text(item, "AssociationId");
        String eni = text(item, "NetworkInterfaceId");
        String privateIp = text(item, "PrivateIpAddress");
        Address address = Address.allocated(id, publicIp, text(item, "NetworkBorderGroup", context.region()));
        if (association != null && eni != null && privateIp != null) {
            address = address.associatedWith(association, eni, privateIp);
        }
        context.put(ResourceTypes.ELASTIC_IP, address, item);
    }
}
