package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRcode;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.model.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The view's answer to one question, with its records already in wire form: each owner name is a
 * compression pointer to the question's name (offset 12, RFC 1035 section 4.1.4), which is the owner of every
 * record the view gives, so the same bytes serve the name in any case it is asked in. Empty {@code answer}
 * means the resolver does not answer at all ({@code enableDnsSupport} off, or the VPC gone).
 */
record PreparedAnswer(Optional<DnsAnswer> answer, Optional<Scope> scope, DnsRcode rcode, int count, byte[] records) {
    private static final byte[] NONE = new byte[0];
    private static final int CLASS_IN = 1;
    private static final int POINTER_TO_QUESTION = 0xC000 | DnsQuery.HEADER_BYTES;

    PreparedAnswer {
        requireNonNull(answer, "answer is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(rcode, "rcode is null");
        requireNonNull(records, "records is null");
    }

    private static final PreparedAnswer SILENT = new PreparedAnswer(Optional.empty(), Optional.empty(), DnsRcode.NOERROR, 0, NONE);

    static PreparedAnswer silent() {
        return SILENT;
    }

    /** An answer with a code and no records, not from the view (SERVFAIL of a forward, REFUSED of another class). */
    static PreparedAnswer bare(DnsRcode rcode) {
        return new PreparedAnswer(Optional.empty(), Optional.empty(), rcode, 0, NONE);
    }

    static PreparedAnswer of(Scope scope, DnsAnswer answer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DnsRecord record : answer.records()) {
            writeShort(out, POINTER_TO_QUESTION);
            writeShort(out, record.type());
            writeShort(out, CLASS_IN);
            writeShort(out, record.ttl() >>> 16);
            writeShort(out, record.ttl());
            byte[] data = record.type() == VpcDnsView.TYPE_A ? address(record.address()) : name(record.target());
            writeShort(out, data.length);
            out.writeBytes(data);
        }
        return new PreparedAnswer(Optional.of(answer), Optional.of(scope), answer.rcode(), answer.records().size(), out.toByteArray());
    }

    boolean isSilent() {
        return this == SILENT;
    }

    private static byte[] address(long address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** A host name in labels, uncompressed. */
    private static byte[] name(String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : host.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
