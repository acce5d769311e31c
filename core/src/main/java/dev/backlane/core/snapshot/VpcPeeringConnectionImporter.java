package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.PeeringVpcInfo;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcPeeringConnection;
import java.util.ArrayList;
import java.util.List;

/** VpcPeeringConnections of describe-vpc-peering-connections: both sides (VPC, owner, region, CIDRs, DNS option) and the status. */
final class VpcPeeringConnectionImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "VpcPeeringConnectionId");
        PeeringVpcInfo requester = side(object(item, "RequesterVpcInfo"), context);
        PeeringVpcInfo accepter = side(object(item, "AccepterVpcInfo"), context);
        if (id == null || requester == null || accepter == null) {
            context.note("a peering connection without VpcPeeringConnectionId or the VPC of each side is skipped");
            return;
        }
        JsonNode status = object(item, "Status");
        context.put(ResourceTypes.VPC_PEERING_CONNECTION,
                new VpcPeeringConnection(id, requester, accepter, text(status, "Code", "active"), text(status, "Message")), item);
    }

    private static PeeringVpcInfo side(JsonNode info, ImportContext context) {
        String vpcId = text(info, "VpcId");
        if (vpcId == null) {
            return null;
        }
        List<String> cidrs = new ArrayList<>(texts(info, "CidrBlockSet", "CidrBlock"));
        String primary = text(info, "CidrBlock");
        if (primary != null && !cidrs.contains(primary)) {
            cidrs.add(0, primary);
        }
        return new PeeringVpcInfo(vpcId, text(info, "OwnerId", context.account()), text(info, "Region", context.region()), cidrs,
                texts(info, "Ipv6CidrBlockSet", "Ipv6CidrBlock"),
                bool(object(info, "PeeringOptions"), "AllowDnsResolutionFromRemoteVpc", false));
    }
}
