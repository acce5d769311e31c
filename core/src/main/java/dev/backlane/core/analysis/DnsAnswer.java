package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a VPC's resolver answers to one question: the response code, the records (empty for a name that exists
 * without records of the asked type), what answered, in words ({@code private DNS name of vpce-...}), and
 * whether the name is outside everything the VPC's view owns, so that only a forwarder the user configured
 * could know it.
 */
public record DnsAnswer(DnsRcode rcode, List<DnsRecord> records, String answeredBy, boolean outsideView) {
    public DnsAnswer {
        requireNonNull(rcode, "rcode is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        requireNonNull(answeredBy, "answeredBy is null");
    }

    /** An answer from the view itself. */
    public DnsAnswer(DnsRcode rcode, List<DnsRecord> records, String answeredBy) {
        this(rcode, records, answeredBy, false);
    }

    static DnsAnswer nxdomain(String why) {
        return new DnsAnswer(DnsRcode.NXDOMAIN, List.of(), why);
    }
}
