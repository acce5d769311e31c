package dev.backlane.dataplane.dns;

import dev.backlane.core.analysis.DnsRcode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes responses in wire form: the query's header flags as a resolver answers them (QR and RA set, AA not
 * — as the VPC resolver answers, see docs/dns.md — RD and CD copied), the question exactly as asked, the
 * prepared records, and an OPT record when the query had one (RFC 6891: our payload size, the extended
 * RCODE's upper bits, version 0, DO copied per RFC 3225). A response over the size limit is cut to its header,
 * question and OPT with TC set (RFC 1035 section 4.2.1, RFC 2181 section 9), so the client retries over TCP.
 */
final class DnsResponseWriter {
    /** The UDP payload size this server advertises and accepts at most: the DNS Flag Day 2020 value, which avoids IP fragmentation. */
    static final int UDP_PAYLOAD_SIZE = 1232;
    /** What a UDP answer may take without EDNS (RFC 1035 section 2.3.4). */
    static final int CLASSIC_UDP_SIZE = 512;
    static final int UNLIMITED = 65535;

    private static final int QR = 0x8000;
    private static final int OPCODE = 0x7800;
    private static final int TC = 0x0200;
    private static final int RD = 0x0100;
    private static final int RA = 0x0080;
    private static final int CD = 0x0010;
    private static final int OPT_BYTES = 11;
    private static final byte[] NO_RECORDS = new byte[0];

    private DnsResponseWriter() {
    }

    /** The most a UDP response to the query may take: 512 bytes without EDNS, else the smaller of its payload size (at least 512) and ours. */
    static int udpLimit(DnsQuery query) {
        return query.edns().map(edns -> Math.min(UDP_PAYLOAD_SIZE, Math.max(CLASSIC_UDP_SIZE, edns.udpPayloadSize()))).orElse(CLASSIC_UDP_SIZE);
    }

    /** The answer to the query in {@code packet} (its question is copied from there), within {@code limit} bytes. */
    static ByteBuf answer(ByteBufAllocator allocator, ByteBuf packet, DnsQuery query, PreparedAnswer answer, int limit) {
        int size = DnsQuery.HEADER_BYTES + (query.questionEnd() - DnsQuery.HEADER_BYTES) + answer.records().length + optBytes(query);
        return size > limit ? truncated(allocator, packet, query, answer.rcode())
                : write(allocator, packet, query, answer.rcode(), answer.count(), answer.records(), false);
    }

    /** The answer's header, question and OPT with TC set: it did not fit, the client asks again over TCP. */
    static ByteBuf truncated(ByteBufAllocator allocator, ByteBuf packet, DnsQuery query, DnsRcode rcode) {
        return write(allocator, packet, query, rcode, 0, NO_RECORDS, true);
    }

    private static int optBytes(DnsQuery query) {
        return query.edns().isPresent() ? OPT_BYTES : 0;
    }

    private static ByteBuf write(ByteBufAllocator allocator, ByteBuf packet, DnsQuery query, DnsRcode rcode, int count, byte[] records,
            boolean truncated) {
        int questionBytes = query.questionEnd() - DnsQuery.HEADER_BYTES;
        int optBytes = optBytes(query);
        ByteBuf out = allocator.buffer(DnsQuery.HEADER_BYTES + questionBytes + records.length + optBytes);
        int code = rcode.code();
        out.writeShort(query.id());
        out.writeShort(QR | (query.flags() & (OPCODE | RD | CD)) | RA | (truncated ? TC : 0) | (code & 0x0F));
        out.writeShort(1);
        out.writeShort(count);
        out.writeShort(0);
        out.writeShort(optBytes == 0 ? 0 : 1);
        out.writeBytes(packet, packet.readerIndex() + DnsQuery.HEADER_BYTES, questionBytes);
        out.writeBytes(records);
        if (optBytes != 0) {
            out.writeByte(0);
            out.writeShort(DnsQuery.TYPE_OPT);
            out.writeShort(UDP_PAYLOAD_SIZE);
            out.writeByte(code >> 4);
            out.writeByte(0);
            out.writeShort(query.edns().get().dnssecOk() ? 0x8000 : 0);
            out.writeShort(0);
        }
        return out;
    }

    /** A header-only answer with the code (FORMERR, NOTIMP), the query's ID and its opcode, RD and CD copied. */
    static ByteBuf refusal(ByteBufAllocator allocator, int id, int flags, DnsRcode rcode) {
        ByteBuf out = allocator.buffer(DnsQuery.HEADER_BYTES);
        out.writeShort(id);
        out.writeShort(QR | (flags & (OPCODE | RD | CD)) | RA | rcode.code());
        out.writeZero(8);
        return out;
    }
}
