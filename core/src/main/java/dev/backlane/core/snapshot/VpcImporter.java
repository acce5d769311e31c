package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.has;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.CidrAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Vpc;
import java.util.ArrayList;
import java.util.List;

/**
 * Vpcs of describe-vpcs. DescribeVpcs does not show the DNS attributes; when the item carries them
 * (as {@code EnableDnsSupport} / {@code EnableDnsHostnames}, plain or as describe-vpc-attribute's
 * {@code {"Value": ...}}) they are taken, else AWS's defaults for the kind of VPC are assumed and
 * {@link SnapshotReader} revisits them once endpoints are known.
 */
final class VpcImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "VpcId");
        String cidr = text(item, "CidrBlock");
        if (id == null || cidr == null) {
            context.note("a VPC without VpcId or CidrBlock is skipped");
            return;
        }
        List<CidrAssociation> cidrs = new ArrayList<>();
        for (JsonNode association : items(item, "CidrBlockAssociationSet")) {
            cidrs.add(new CidrAssociation(text(association, "AssociationId", id + "-cidr-" + cidrs.size()), text(association, "CidrBlock", cidr),
                    text(object(association, "CidrBlockState"), "State", "associated"), null, null));
        }
        if (cidrs.isEmpty()) {
            cidrs.add(CidrAssociation.ipv4(id + "-cidr-0", cidr));
        }
        List<CidrAssociation> ipv6 = new ArrayList<>();
        for (JsonNode association : items(item, "Ipv6CidrBlockAssociationSet")) {
            String block = text(association, "Ipv6CidrBlock");
            if (block != null) {
                ipv6.add(new CidrAssociation(text(association, "AssociationId", id + "-ipv6-" + ipv6.size()), block,
                        text(object(association, "Ipv6CidrBlockState"), "State", "associated"), text(association, "Ipv6Pool"),
                        text(association, "NetworkBorderGroup")));
            }
        }
        boolean isDefault = bool(item, "IsDefault", false);
        if (has(item, "EnableDnsSupport") || has(item, "EnableDnsHostnames")) {
            context.dnsAttributesGiven(id);
        }
        context.put(ResourceTypes.VPC, new Vpc(id, cidr, cidrs, ipv6, text(item, "DhcpOptionsId", "default"),
                text(item, "InstanceTenancy", "default"), isDefault, text(item, "State", "available"),
                bool(item, "EnableDnsSupport", true), bool(item, "EnableDnsHostnames", isDefault),
                bool(item, "EnableNetworkAddressUsageMetrics", false)), item);
    }
}
