package dev.backlane.dataplane.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS client's side of the wire, written by hand so the tests do not trust the server's code: queries (with
 * an OPT record when asked) and the parts of a response the tests check. {@code optPayload} is -1 when the
 * response has no OPT record; {@code extendedRcode} joins the OPT's upper bits to the header's code.
 */
record DnsReply(int id, int flags, int rcode, String question, int answerCount, List<String> addresses, List<String> targets, List<Integer> ttls,
        int optPayload, int optVersion, boolean dnssecOk) {
    static final int TC = 0x0200;

    boolean truncated() {
        return (flags & TC) != 0;
    }

    static byte[] query(int id, String name, int type) {
        return query(id, name, type, -1, 0);
    }

    /** A query with an OPT record of the payload size and version when {@code payload} is not negative. */
    static byte[] query(int id, String name, int type, int payload, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, (byte) (payload >= 0 ? 1 : 0)});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, (byte) (type >> 8), (byte) type, 0, 1});
        if (payload >= 0) {
            out.writeBytes(new byte[] {0, 0, 41, (byte) (payload >> 8), (byte) payload, 0, (byte) version, (byte) 0x80, 0, 0, 0});
        }
        return out.toByteArray();
    }

    static DnsReply parse(byte[] packet) {
        ByteBuffer in = ByteBuffer.wrap(packet);
        int id = in.getShort() & 0xFFFF;
        int flags = in.getShort() & 0xFFFF;
        int questions = in.getShort() & 0xFFFF;
        int answers = in.getShort() & 0xFFFF;
        int authority = in.getShort() & 0xFFFF;
        int additional = in.getShort() & 0xFFFF;
        String question = "";
        for (int i = 0; i < questions; i++) {
            question = readName(packet, in);
            in.getInt();
        }
        List<String> addresses = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Integer> ttls = new ArrayList<>();
        int optPayload = -1;
        int rcode = flags & 0x0F;
        int optVersion = 0;
        boolean dnssecOk = false;
        for (int i = 0; i < answers + authority + additional; i++) {
            readName(packet, in);
            int type = in.getShort() & 0xFFFF;
            int recordClass = in.getShort() & 0xFFFF;
            int ttl = in.getInt();
            int length = in.getShort() & 0xFFFF;
            int dataStart = in.position();
            if (type == 41) {
                optPayload = recordClass;
                rcode |= (ttl >>> 24) << 4;
                optVersion = (ttl >>> 16) & 0xFF;
                dnssecOk = (ttl & 0x8000) != 0;
            } else if (i < answers) {
                ttls.add(ttl);
                if (type == 1) {
                    addresses.add((packet[dataStart] & 0xFF) + "." + (packet[dataStart + 1] & 0xFF) + "." + (packet[dataStart + 2] & 0xFF) + "."
                            + (packet[dataStart + 3] & 0xFF));
                } else if (type == 12) {
                    targets.add(readName(packet, in));
                }
            }
            in.position(dataStart + length);
        }
        return new DnsReply(id, flags, rcode, question, answers, addresses, targets, ttls, optPayload, optVersion, dnssecOk);
    }

    /** A name at the buffer's position, following compression pointers; the position moves past it. */
    private static String readName(byte[] packet, ByteBuffer in) {
        StringBuilder name = new StringBuilder();
        int at = in.position();
        int end = -1;
        for (int steps = 0; steps < 256; steps++) {
            int length = packet[at] & 0xFF;
            if ((length & 0xC0) == 0xC0) {
                if (end < 0) {
                    end = at + 2;
                }
                at = ((length & 0x3F) << 8) | (packet[at + 1] & 0xFF);
                continue;
            }
            if (length == 0) {
                in.position(end < 0 ? at + 1 : end);
                return name.toString();
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(packet, at + 1, length, StandardCharsets.US_ASCII));
            at += 1 + length;
        }
        throw new IllegalArgumentException("compression loop");
    }
}
