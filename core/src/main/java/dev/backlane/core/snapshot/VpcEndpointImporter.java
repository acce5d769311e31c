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
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VpcEndpoints of describe-vpc-endpoints: type, state, service, policy, route tables (gateway),
 * subnets, interfaces, groups, private DNS and DNS options. An interface endpoint's DNS names follow
 * from its 8-character suffix, which is read back from the names AWS gave.
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
        Optional<VpcEndpointType> type = VpcEndpointType.fromAwsName(text(item, "VpcEndpointType", "Gateway"));
        Optional<VpcEndpointState> state = state(text(item, "State", "available"));
        if (type.isEmpty() || state.isEmpty()) {
            context.note(id + ": endpoint type '" + text(item, "VpcEndpointType") + "' or state '" + text(item, "State")
                    + "' is not one AWS has; the endpoint is skipped");
            return;
        }
        List<DnsEntry> dnsEntries = new ArrayList<>();
        for (JsonNode entry : items(item, "DnsEntries")) {
            String name = text(entry, "DnsName");
            if (name != null) {
                dnsEntries.add(new DnsEntry(name, text(entry, "HostedZoneId", "")));
            }
        }
        String suffix = suffix(id, dnsEntries);
        if (suffix.isEmpty() && type.get() == VpcEndpointType.INTERFACE) {
            context.note(id + ": no DNS name of the form " + id + "-<suffix>.<service>; its names cannot be derived");
        }
        JsonNode dnsOptions = object(item, "DnsOptions");
        context.put(ResourceTypes.VPC_ENDPOINT, new VpcEndpoint(id, vpcId, service, serviceRegion(service, context.region()), type.get(),
                state.get(), text(item, "PolicyDocument"), texts(item, "RouteTableIds"), texts(item, "SubnetIds"),
                texts(item, "Groups", "GroupId"), texts(item, "NetworkInterfaceIds"), bool(item, "PrivateDnsEnabled", false),
                text(item, "IpAddressType", "ipv4"), text(dnsOptions, "DnsRecordIpType", "ipv4"),
                bool(dnsOptions, "PrivateDnsOnlyForInboundResolverEndpoint", false), suffix,
                context.time(item, "CreationTimestamp", id, Instant.EPOCH)), item);
    }

    private static Optional<VpcEndpointState> state(String name) {
        for (VpcEndpointState state : VpcEndpointState.values()) {
            if (state.awsName().equalsIgnoreCase(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** The region in an AWS service name ({@code com.amazonaws.eu-west-1.s3}); the endpoint's own otherwise. */
    static String serviceRegion(String serviceName, String region) {
        String[] parts = serviceName.split("\\.");
        for (String part : parts) {
            if (SnapshotLayout.regionOfZone(part) != null && SnapshotLayout.regionOfZone(part).equals(part)) {
                return part;
            }
        }
        return region;
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
