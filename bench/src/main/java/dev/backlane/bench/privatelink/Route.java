package dev.backlane.bench.privatelink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * How the generator reaches the target: straight to a port (the target itself, socat, HAProxy), or through a
 * workload's gateway as a SOCKS5 or HTTP CONNECT tunnel to a host name and port, the name resolved by the gateway.
 * {@link #open} returns once the tunnel is up, so the handshake is part of what connect latency measures.
 */
record Route(Kind kind, int port, String host, int targetPort) {
    enum Kind { DIRECT, SOCKS5, CONNECT }

    static Route parse(String kind, String port, String target) {
        Kind parsed = Kind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        if (parsed == Kind.DIRECT) {
            return new Route(parsed, Integer.parseInt(port), null, 0);
        }
        int colon = target.lastIndexOf(':');
        return new Route(parsed, Integer.parseInt(port), target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    Socket open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            switch (kind) {
                case SOCKS5 -> socks5(socket);
                case CONNECT -> connect(socket);
                case DIRECT -> { }
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void socks5(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        // Greeting (no authentication) and the request sent together, as curl --socks5-hostname does not but may.
        byte[] hello = new byte[3 + 5 + name.length + 2];
        hello[0] = 5; hello[1] = 1; hello[2] = 0;
        hello[3] = 5; hello[4] = 1; hello[5] = 0; hello[6] = 3; hello[7] = (byte) name.length;
        System.arraycopy(name, 0, hello, 8, name.length);
        hello[8 + name.length] = (byte) (targetPort >> 8);
        hello[9 + name.length] = (byte) targetPort;
        out.write(hello);
        out.flush();
        byte[] method = in.readNBytes(2);
        if (method.length < 2 || method[1] != 0) {
            throw new IOException("SOCKS5 method refused");
        }
        byte[] head = in.readNBytes(4);
        if (head.length < 4 || head[1] != 0) {
            throw new IOException("SOCKS5 reply " + (head.length > 1 ? head[1] : -1));
        }
        int addressLength = switch (head[3]) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.read();
            default -> throw new IOException("SOCKS5 address type " + head[3]);
        };
        in.readNBytes(addressLength + 2);
    }

    private void connect(Socket socket) throws IOException {
        String authority = host + ":" + targetPort;
        socket.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("CONNECT closed: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().matches("HTTP/1\\.[01] 200[\\s\\S]*")) {
            throw new IOException("CONNECT refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }
}
