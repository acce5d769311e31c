package dev.backlane.dataplane.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client connection to a gateway that writes requests byte for byte and reads responses by hand, so the tests
 * control exactly what is on the wire (malformed, partial, pipelined, chunked) and see exactly what comes back.
 */
final class HttpWire implements AutoCloseable {
    record Response(int status, Map<String, String> headers, byte[] body, long wireBytes) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpWire(InetSocketAddress gateway) throws IOException {
        this(gateway, 10_000);
    }

    HttpWire(InetSocketAddress gateway, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(gateway, 5_000);
        socket.setSoTimeout(readTimeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    HttpWire send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    HttpWire send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    OutputStream out() {
        return out;
    }

    /** A GET of the target with the given Host, keep-alive. */
    Response get(String target, String host) throws IOException {
        send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        return read();
    }

    /** Reads one response: head, then a body delimited by Content-Length, chunks, or (when neither) nothing. */
    Response read() throws IOException {
        return read(false);
    }

    Response read(boolean headRequest) throws IOException {
        long[] wire = {0};
        String statusLine = line(wire);
        if (statusLine == null) {
            throw new java.io.EOFException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = line(wire)).isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            return new Response(status, headers, body.toByteArray(), wire[0]);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(line(wire).split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                wire[0] += size;
                line(wire);
            }
            while (!line(wire).isEmpty()) {
                // trailers
            }
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            byte[] bytes = in.readNBytes(length);
            body.write(bytes);
            wire[0] += bytes.length;
        }
        return new Response(status, headers, body.toByteArray(), wire[0]);
    }

    /** Reads and discards a body of the given length, returning its SHA-256 and checking it against the pattern. */
    InputStream input() {
        return in;
    }

    /** Whether the gateway closed the connection: a read returns end of stream (or a reset). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private String line(long[] wire) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            wire[0]++;
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
