package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import java.util.ArrayList;
import java.util.List;

/** Subnets of describe-subnets; the zone ID, when older snapshots lack it, comes from their AvailabilityZones. */
final class SubnetImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "SubnetId");
        String vpcId = text(item, "VpcId");
        String cidr = text(item, "CidrBlock");
        String zone = text(item, "AvailabilityZone");
        if (id == null || vpcId == null || cidr == null || zone == null) {
            context.note("a subnet without SubnetId, VpcId, CidrBlock or AvailabilityZone is skipped");
            return;
        }
        String zoneId = text(item, "AvailabilityZoneId");
        if (zoneId == null) {
            zoneId = context.zoneId(zone);
        }
        List<CidrAssociation> ipv6 = new ArrayList<>();
        for (JsonNode association : items(item, "Ipv6CidrBlockAssociationSet")) {
            String block = text(association, "Ipv6CidrBlock");
            if (block != null) {
                ipv6.add(new CidrAssociation(text(association, "AssociationId", id + "-ipv6-" + ipv6.size()), block,
                        text(object(association, "Ipv6CidrBlockState"), "State", "associated"), null, null));
            }
        }
        JsonNode dnsOptions = object(item, "PrivateDnsNameOptionsOnLaunch");
        context.put(ResourceTypes.SUBNET, new Subnet(id, vpcId, cidr, zone, zoneId == null ? "" : zoneId, ipv6,
                bool(item, "MapPublicIpOnLaunch", false), bool(item, "AssignIpv6AddressOnCreation", false), bool(item, "DefaultForAz", false),
                bool(item, "EnableDns64", false), text(dnsOptions, "HostnameType", "ip-name"),
                bool(dnsOptions, "EnableResourceNameDnsARecord", false), bool(dnsOptions, "EnableResourceNameDnsAAAARecord", false),
                text(item, "State", "available")), item);
    }
}
