package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.bool;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.DnsEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.VpcEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * VpcEndpoints of describe-vpc-endpoints: type, state, service, policy, route tables (gateway),
 * subnets, interfaces, groups and the DNS entries AWS gave (interface), private DNS and DNS options.
 * The 8-character suffix of the endpoint's names is read back from its first name.
 */
final class VpcEndpointImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "VpcEndpointId");
        String vpcId = text(item, "VpcId");
        String service = text(item, "ServiceName");
        if (id == null || vpcId == null || service == null) {
            context.note("a VPC endpoint without VpcEndpointId, VpcId or ServiceName is skipped");
            return;
        }
        List<DnsEntry> dnsEntries = new ArrayList<>();
        for (JsonNode entry : items(item, "DnsEntries")) {
            String name = text(entry, "DnsName");
            if (name != null) {
                dnsEntries.add(new DnsEntry(name, text(entry, "HostedZoneId", "")));
            }
        }
        JsonNode dnsOptions = object(item, "DnsOptions");
        context.put(ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(id, vpcId, service, text(item, "VpcEndpointType", "Gateway"),
                text(item, "State", "available"), text(item, "PolicyDocument"), texts(item, "RouteTableIds"), texts(item, "SubnetIds"),
                texts(item, "Groups", "GroupId"), texts(item, "NetworkInterfaceIds"), bool(item, "PrivateDnsEnabled", false),
                text(item, "IpAddressType", "ipv4"), text(dnsOptions, "DnsRecordIpType", "ipv4"),
                bool(dnsOptions, "PrivateDnsOnlyForInboundResolverEndpoint", false), suffix(id, dnsEntries),
                context.time(item, "CreationTimestamp", id, Instant.EPOCH), dnsEntries), item);
    }

    /** The characters after {@code vpce-<id>-} in the endpoint's regional name: {@code 0h4w5u94}. */
    static String suffix(String id, List<DnsEntry> entries) {
        String prefix = id + "-";
        for (DnsEntry entry : entries) {
            String name = entry.dnsName().startsWith("*.") ? entry.dnsName().substring(2) : entry.dnsName();
            if (name.startsWith(prefix)) {
                String rest = name.substring(prefix.length());
                int end = 0;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '-') {
                    end++;
                }
                return rest.substring(0, end);
            }
        }
        return "";
    }
}
