package dev.backlane.dataplane.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A DNS client's side of the wire, written by hand so the tests do not trust the server's codec. */
record DnsReply(int id, int rcode, List<String> addresses, List<Integer> ttls) {
    static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.writeBytes(new byte[] {0, (byte) (type >> 8), (byte) type, 0, 1});
        return out.toByteArray();
    }

    static DnsReply parse(byte[] packet) {
        ByteBuffer in = ByteBuffer.wrap(packet);
        int id = in.getShort() & 0xFFFF;
        int flags = in.getShort() & 0xFFFF;
        int questions = in.getShort() & 0xFFFF;
        int answers = in.getShort() & 0xFFFF;
        in.getShort();
        in.getShort();
        for (int i = 0; i < questions; i++) {
            skipName(in);
            in.getInt();
        }
        List<String> addresses = new ArrayList<>();
        List<Integer> ttls = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            skipName(in);
            int type = in.getShort() & 0xFFFF;
            in.getShort();
            ttls.add(in.getInt());
            byte[] data = new byte[in.getShort() & 0xFFFF];
            in.get(data);
            if (type == 1) {
                addresses.add((data[0] & 0xFF) + "." + (data[1] & 0xFF) + "." + (data[2] & 0xFF) + "." + (data[3] & 0xFF));
            }
        }
        return new DnsReply(id, flags & 0x0F, addresses, ttls);
    }

    private static void skipName(ByteBuffer in) {
        while (true) {
            int length = in.get() & 0xFF;
            if (length == 0) {
                return;
            }
            if ((length & 0xC0) == 0xC0) {
                in.get();
                return;
            }
            in.position(in.position() + length);
        }
    }
}
