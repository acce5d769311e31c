package dev.backlane.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 relay in front of Backlane that can lose answers: it passes each request on and, for the
 * first {@code drops} requests whose body {@code selects}, resets the client's connection instead of
 * relaying the answer. The server has then carried the call out, and the client has seen a reset
 * connection — what a client sees when an answer is lost after the commit, and what makes an SDK retry.
 * Bodies are framed by Content-Length (AWS Query requests and Backlane's answers always are).
 */
final class ConnectionDroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Predicate<String> selects;
    private final AtomicInteger drops;
    private final AtomicInteger dropped = new AtomicInteger();

    ConnectionDroppingProxy(URI target, Predicate<String> selects, int drops) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        this.selects = selects;
        this.drops = new AtomicInteger(drops);
        Thread acceptor = new Thread(this::accept, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many answers were lost on purpose. */
    int dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread relay = new Thread(() -> relay(client), "dropping-proxy-connection");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = new Socket()) {
            server.connect(target);
            InputStream fromClient = client.getInputStream();
            InputStream fromServer = server.getInputStream();
            while (true) {
                Message request = Message.read(fromClient);
                if (request == null) {
                    return;
                }
                server.getOutputStream().write(request.bytes());
                server.getOutputStream().flush();
                Message response = Message.read(fromServer);
                if (response == null) {
                    return;
                }
                if (selects.test(request.body()) && drops.getAndDecrement() > 0) {
                    dropped.incrementAndGet();
                    // A reset, not an orderly close: the client learns nothing about the call's outcome.
                    client.setSoLinger(true, 0);
                    return;
                }
                client.getOutputStream().write(response.bytes());
                client.getOutputStream().flush();
            }
        } catch (IOException gone) {
            // Either side went away; the connection ends.
        }
    }

    /** One request or response: its bytes as received, and its body as text. */
    private record Message(byte[] bytes, String body) {
        static Message read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return null;
            }
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(head.toByteArray());
            whole.write(body);
            return new Message(whole.toByteArray(), new String(body, StandardCharsets.UTF_8));
        }
    }
}
