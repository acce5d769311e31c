package dev.backlane.cli.gameday;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One TCP connection of a game day's {@code tcp} traffic, as a client behind {@code HTTPS_PROXY} makes it: an HTTP
 * CONNECT to {@code host:port} through the workload's gateway; once the tunnel is open, {@code payload} bytes are sent
 * and the call succeeds when the service answers with at least one byte (the client then reads on until it has as
 * many as it sent, the service closes, or the timeout). The gateway refusing the tunnel is an answered failure,
 * retried when it is a 5xx (the load balancer found no target, the target refused); no answer within the timeout — a
 * dropped SYN, a zone down — or a reset is an unanswered one, retried as the SDKs retry a connection error.
 */
final class TcpAttempt {
    private static final int MAX_HEAD = 8192;

    private TcpAttempt() {}

    static LoadGenerator.Attempt connect(URI gateway, String host, int port, int payload, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), millisLeft(deadline));
            socket.setSoTimeout(millisLeft(deadline));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String authority = host + ":" + port;
            out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int status = status(head(in));
            if (status != 200) {
                return new LoadGenerator.Attempt(false, true, false, status >= 500);
            }
            byte[] sent = new byte[payload];
            Arrays.fill(sent, (byte) 'x');
            out.write(sent);
            out.flush();
            socket.setSoTimeout(millisLeft(deadline));
            byte[] answer = new byte[Math.min(payload, 65536)];
            int first = in.read(answer);
            if (first < 0) {
                // The tunnel opened, and the service closed without a word.
                return new LoadGenerator.Attempt(false, true, false, true);
            }
            readOn(socket, in, answer, payload - first, deadline);
            return new LoadGenerator.Attempt(true, true, false, false);
        } catch (IOException e) {
            return new LoadGenerator.Attempt(false, false, false, true);
        }
    }

    /** The rest of the answer, up to as many bytes as were sent; what does not come in time is not waited for. */
    private static void readOn(Socket socket, InputStream in, byte[] buffer, int left, long deadline) throws IOException {
        try {
            while (left > 0) {
                socket.setSoTimeout(millisLeft(deadline));
                int read = in.read(buffer, 0, Math.min(buffer.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
        } catch (SocketTimeoutException enough) {
            // The service answered; the call has succeeded.
        }
    }

    /** The response head, up to its blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < MAX_HEAD && !(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the gateway closed before its answer to CONNECT ended");
            }
            head.append((char) next);
        }
        return head.toString();
    }

    private static int status(String head) throws IOException {
        String[] parts = head.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP answer to CONNECT: " + head.lines().findFirst().orElse(""));
        }
        return Integer.parseInt(parts[1]);
    }

    /** What is left of the timeout, at least a millisecond (0 would mean no timeout to a socket). */
    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the attempt's timeout ran out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
