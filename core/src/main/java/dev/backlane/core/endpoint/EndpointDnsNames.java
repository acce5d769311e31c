package dev.backlane.core.endpoint;

import dev.backlane.core.model.DnsEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS names AWS gives an interface endpoint: a regional name
 * {@code vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com}, one zonal name per Availability
 * Zone with an endpoint interface ({@code vpce-<id>-<suffix>-<zone>.<...>}), all in the region's
 * {@code vpce.amazonaws.com} hosted zone, and, with private DNS on, the service's own name in the
 * VPC's private hosted zone. Services whose private name is a wildcard (S3) get wildcard endpoint names.
 */
public final class EndpointDnsNames {
    private EndpointDnsNames() {}

    /**
     * @param endpointId the endpoint's ID ({@code vpce-...})
     * @param suffix the endpoint's 8 random characters
     * @param baseName the service's base endpoint name, e.g. {@code ec2.us-east-1.vpce.amazonaws.com}
     * @param zones the zone names of the endpoint's subnets, in subnet order
     * @param wildcard whether the names take a {@code *.} prefix (S3)
     * @param privateDnsName the service's private DNS name when private DNS is on, else null
     * @param privateHostedZoneId the hosted zone of the private name (AWS shows a per-VPC zone)
     */
    public static List<DnsEntry> entries(String endpointId, String suffix, String baseName, List<String> zones, boolean wildcard,
            String vpceHostedZoneId, String privateDnsName, String privateHostedZoneId) {
        String prefix = wildcard ? "*." : "";
        List<DnsEntry> entries = new ArrayList<>();
        entries.add(new DnsEntry(prefix + endpointId + "-" + suffix + "." + baseName, vpceHostedZoneId));
        for (String zone : zones) {
            entries.add(new DnsEntry(prefix + endpointId + "-" + suffix + "-" + zone + "." + baseName, vpceHostedZoneId));
        }
        if (privateDnsName != null) {
            entries.add(new DnsEntry(privateDnsName, privateHostedZoneId));
        }
        return entries;
    }
}
