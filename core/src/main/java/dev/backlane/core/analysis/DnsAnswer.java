package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a VPC's resolver answers to one question: the response code, the A records (empty for a name that
 * exists without records of the asked type) and what answered, in words ({@code private DNS name of vpce-...}).
 */
public record DnsAnswer(DnsRcode rcode, List<DnsRecord> records, String answeredBy) {
    public DnsAnswer {
        requireNonNull(rcode, "rcode is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        requireNonNull(answeredBy, "answeredBy is null");
    }

    static DnsAnswer nxdomain(String why) {
        return new DnsAnswer(DnsRcode.NXDOMAIN, List.of(), why);
    }
}
