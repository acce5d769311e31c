package dev.backlane.dataplane.dns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny upstream DNS server on loopback UDP, for the forwarder's tests: a name starting {@code silent}
 * gets no answer, one starting {@code big} sixty A records, any other one A record, 192.0.2.1. It keeps the
 * queries it received.
 */
final class FakeUpstream implements AutoCloseable {
    static final String ADDRESS = "192.0.2.1";
    static final int BIG = 60;

    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeUpstream() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "fake-upstream-dns");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    List<byte[]> received() {
        return received;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            received.add(query);
            String name = DnsReply.parse(query).question();
            if (name.startsWith("silent")) {
                continue;
            }
            byte[] answer = answer(query, name.startsWith("big") ? BIG : 1);
            try {
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The query's header and question, QR and RA set, and {@code count} A records owned by the question's name. */
    private static byte[] answer(byte[] query, int count) {
        int questionEnd = 12;
        while (query[questionEnd] != 0) {
            questionEnd += (query[questionEnd] & 0xFF) + 1;
        }
        questionEnd += 5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {query[0], query[1], (byte) (0x80 | (query[2] & 0x01)), (byte) 0x80, 0, 1, (byte) (count >> 8), (byte) count,
            0, 0, 0, 0});
        out.write(query, 12, questionEnd - 12);
        for (int i = 0; i < count; i++) {
            out.writeBytes(new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, (byte) 192, 0, 2, (byte) (1 + i)});
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
