package dev.backlane.dataplane.dns;

import dev.backlane.core.analysis.DnsRcode;
import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * A DNS query as read from the wire (RFC 1035 section 4.1), the parts a server answers from: the header's ID
 * and flags, where the question's name ends (it starts right after the header; {@link #name} reads it as asked),
 * its type and class, where the question ends, and the EDNS(0) OPT record if there is one (RFC 6891). {@link #read} checks
 * every length against the packet's bounds, so a hostile packet costs no more than its size.
 */
record DnsQuery(int id, int flags, int questionCount, int nameEnd, int type, int dnsClass, int questionEnd, Optional<Edns> edns) {
    static final int HEADER_BYTES = 12;
    static final int TYPE_OPT = 41;
    private static final int MAX_NAME_BYTES = 255;
    private static final int QR = 0x8000;

    /** The OPT record's fields: the requester's UDP payload size, its EDNS version and whether it set DNSSEC OK. */
    record Edns(int udpPayloadSize, int version, boolean dnssecOk) {
    }

    /** What a packet is: a query to answer, one to answer with a bare error code, or nothing to answer. */
    sealed interface Parsed {
    }

    /** A well-formed query with one question. */
    record Query(DnsQuery query) implements Parsed {
    }

    /** A query to answer with only its header and this code (FORMERR, NOTIMP). */
    record Refusal(int id, int flags, DnsRcode rcode) implements Parsed {
    }

    /** Too short for a header, or a response: nobody to answer (answering responses lets two servers loop). */
    record Ignored() implements Parsed {
    }

    int opcode() {
        return (flags >> 11) & 0x0F;
    }

    /** Reads the packet between its reader and writer indexes, without moving them. */
    static Parsed read(ByteBuf packet) {
        int start = packet.readerIndex();
        int length = packet.readableBytes();
        if (length < HEADER_BYTES) {
            return new Ignored();
        }
        int id = packet.getUnsignedShort(start);
        int flags = packet.getUnsignedShort(start + 2);
        if ((flags & QR) != 0) {
            return new Ignored();
        }
        int questions = packet.getUnsignedShort(start + 4);
        if (((flags >> 11) & 0x0F) != 0) {
            return new Refusal(id, flags, DnsRcode.NOTIMP);
        }
        if (questions != 1) {
            return new Refusal(id, flags, DnsRcode.FORMERR);
        }
        int end = start + length;
        int at = checkQuestionName(packet, start + HEADER_BYTES, end);
        if (at < 0 || at + 4 > end) {
            return new Refusal(id, flags, DnsRcode.FORMERR);
        }
        int type = packet.getUnsignedShort(at);
        int dnsClass = packet.getUnsignedShort(at + 2);
        int questionEnd = at + 4;
        Optional<Edns> edns = Optional.empty();
        int records = packet.getUnsignedShort(start + 6) + packet.getUnsignedShort(start + 8);
        int additional = packet.getUnsignedShort(start + 10);
        int position = questionEnd;
        for (int i = 0; i < records + additional; i++) {
            int nameEnd = skipName(packet, position, end);
            if (nameEnd < 0 || nameEnd + 10 > end) {
                return new Refusal(id, flags, DnsRcode.FORMERR);
            }
            int recordType = packet.getUnsignedShort(nameEnd);
            int dataEnd = nameEnd + 10 + packet.getUnsignedShort(nameEnd + 8);
            if (dataEnd > end) {
                return new Refusal(id, flags, DnsRcode.FORMERR);
            }
            if (i >= records && recordType == TYPE_OPT) {
                // One OPT, owned by the root (RFC 6891 section 6.1.1); anything else is FORMERR.
                if (edns.isPresent() || nameEnd != position + 1) {
                    return new Refusal(id, flags, DnsRcode.FORMERR);
                }
                long ttl = packet.getUnsignedInt(nameEnd + 4);
                edns = Optional.of(new Edns(packet.getUnsignedShort(nameEnd + 2), (int) (ttl >> 16) & 0xFF, (ttl & 0x8000) != 0));
            }
            position = dataEnd;
        }
        return new Query(new DnsQuery(id, flags, questions, at - start, type, dnsClass, questionEnd - start, edns));
    }

    /**
     * The question's name in {@code packet} (where this query was read from) as asked: labels joined by dots, no
     * trailing dot, the root empty.
     */
    String name(ByteBuf packet) {
        StringBuilder name = new StringBuilder(nameEnd - HEADER_BYTES);
        int at = packet.readerIndex() + HEADER_BYTES;
        int length = packet.getUnsignedByte(at);
        while (length != 0) {
            if (name.length() > 0) {
                name.append('.');
            }
            for (int i = at + 1; i <= at + length; i++) {
                name.append((char) packet.getUnsignedByte(i));
            }
            at += 1 + length;
            length = packet.getUnsignedByte(at);
        }
        return name.toString();
    }

    /**
     * The offset after the question's name, or -1 when it is malformed: past the packet's end, longer than 255
     * bytes, or compressed (a pointer in the first name of a message can only point into the header).
     */
    private static int checkQuestionName(ByteBuf packet, int at, int end) {
        int start = at;
        while (at < end) {
            int length = packet.getUnsignedByte(at);
            if (length == 0) {
                return at + 1 - start > MAX_NAME_BYTES ? -1 : at + 1;
            }
            if ((length & 0xC0) != 0 || at + 1 + length > end || at + 1 + length - start > MAX_NAME_BYTES) {
                return -1;
            }
            at += 1 + length;
        }
        return -1;
    }

    /** The offset after a name that may end in a compression pointer; -1 when it runs past the end. */
    private static int skipName(ByteBuf packet, int at, int end) {
        int start = at;
        while (at < end) {
            int length = packet.getUnsignedByte(at);
            if (length == 0) {
                return at + 1;
            }
            if ((length & 0xC0) == 0xC0) {
                return at + 2 <= end ? at + 2 : -1;
            }
            if ((length & 0xC0) != 0 || at + 1 - start > MAX_NAME_BYTES) {
                return -1;
            }
            at += 1 + length;
        }
        return -1;
    }
}
