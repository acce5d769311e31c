package dev.backlane.core.analysis;

/** The DNS response codes the VPC's resolver gives (RFC 1035 section 4.1.1; BADVERS, RFC 6891), by their log names. */
public enum DnsRcode {
    NOERROR(0), FORMERR(1), SERVFAIL(2), NXDOMAIN(3), NOTIMP(4), REFUSED(5), BADVERS(16);

    private final int code;

    DnsRcode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code of the number, when it is one of these. */
    public static java.util.Optional<DnsRcode> of(int code) {
        for (DnsRcode rcode : values()) {
            if (rcode.code == code) {
                return java.util.Optional.of(rcode);
            }
        }
        return java.util.Optional.empty();
    }
}
