package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** A DNS name of a VPC endpoint and the Route 53 hosted zone it lives in. */
public record DnsEntry(String dnsName, String hostedZoneId) {
    public DnsEntry {
        requireNonNull(dnsName, "dnsName is null");
        requireNonNull(hostedZoneId, "hostedZoneId is null");
    }
}
