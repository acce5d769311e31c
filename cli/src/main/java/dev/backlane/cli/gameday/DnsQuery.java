package dev.backlane.cli.gameday;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One DNS question (an A record, over UDP) to a workload's VPC resolver, as a client resolves a service's name before
 * calling it; the resolver's answers are what M2 (the private-resolve rate) counts.
 */
final class DnsQuery {
    /** What the question got: an answer with addresses, one without (NXDOMAIN, no records), or none in time. */
    enum Outcome { ANSWERED, EMPTY, NO_ANSWER }

    private DnsQuery() {}

    static Outcome ask(InetSocketAddress resolver, String name, int timeoutMillis) {
        int id = ThreadLocalRandom.current().nextInt(1 << 16);
        ByteBuffer query = ByteBuffer.allocate(512);
        query.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            query.put((byte) bytes.length).put(bytes);
        }
        query.put((byte) 0).putShort((short) 1).putShort((short) 1);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.send(new DatagramPacket(query.array(), query.position(), resolver));
            byte[] answer = new byte[1500];
            DatagramPacket packet = new DatagramPacket(answer, answer.length);
            socket.receive(packet);
            ByteBuffer reply = ByteBuffer.wrap(answer, 0, packet.getLength());
            if (packet.getLength() < 12 || (reply.getShort(0) & 0xffff) != id) {
                return Outcome.NO_ANSWER;
            }
            int rcode = reply.getShort(2) & 0xf;
            int answers = reply.getShort(6) & 0xffff;
            return rcode == 0 && answers > 0 ? Outcome.ANSWERED : Outcome.EMPTY;
        } catch (SocketTimeoutException e) {
            return Outcome.NO_ANSWER;
        } catch (IOException e) {
            return Outcome.NO_ANSWER;
        }
    }
}
