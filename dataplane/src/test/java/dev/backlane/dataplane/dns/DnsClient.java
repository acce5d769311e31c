package dev.backlane.dataplane.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Sends one DNS message over UDP or TCP and gives the reply's bytes; a socket timeout means no reply. */
final class DnsClient {
    private static final int TIMEOUT_MILLIS = 3000;

    private DnsClient() {
    }

    static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(query, query.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }

    static byte[] tcp(InetSocketAddress server, byte[] query) throws IOException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            return exchange(socket, query);
        }
    }

    static byte[] exchange(Socket socket, byte[] query) throws IOException {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        return reply;
    }
}
