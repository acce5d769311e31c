package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.integer;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclAssociation;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;

/** NetworkAcls of describe-network-acls: entries of both directions with ports or ICMP type and code, and subnet associations. */
final class NetworkAclImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "NetworkAclId");
        String vpcId = text(item, "VpcId");
        if (id == null || vpcId == null) {
            context.note("a network ACL without NetworkAclId or VpcId is skipped");
            return;
        }
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (JsonNode entry : items(item, "Entries")) {
            Integer number = integer(entry, "RuleNumber");
            if (number == null) {
                context.note(id + ": an entry without RuleNumber is skipped");
                continue;
            }
            JsonNode ports = object(entry, "PortRange");
            JsonNode icmp = object(entry, "IcmpTypeCode");
            entries.add(new NetworkAclEntry(number, bool(entry, "Egress", false), text(entry, "Protocol", "-1"),
                    text(entry, "RuleAction", "deny"), text(entry, "CidrBlock"), text(entry, "Ipv6CidrBlock"), integer(icmp, "Type"),
                    integer(icmp, "Code"), integer(ports, "From"), integer(ports, "To")));
        }
        List<NetworkAclAssociation> associations = new ArrayList<>();
        for (JsonNode association : items(item, "Associations")) {
            String associationId = text(association, "NetworkAclAssociationId");
            String subnetId = text(association, "SubnetId");
            if (associationId != null && subnetId != null) {
                associations.add(new NetworkAclAssociation(associationId, text(association, "NetworkAclId", id), subnetId));
            }
        }
        context.put(ResourceTypes.NETWORK_ACL, new NetworkAcl(id, vpcId, bool(item, "IsDefault", false), entries, associations), item);
    }
}
