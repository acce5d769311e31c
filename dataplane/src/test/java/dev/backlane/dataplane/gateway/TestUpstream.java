package dev.backlane.dataplane.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream for the tests on the JDK's HTTP server: {@code /echo} reads the body as it streams and answers its
 * length and SHA-256 with what it saw of the request; {@code /download?bytes=N} streams N bytes of a known pattern;
 * {@code /slow?millis=N} waits before reading. It records the client port of every request, to tell connections apart.
 */
final class TestUpstream implements AutoCloseable {
    record Seen(String method, String target, Map<String, List<String>> headers, int clientPort, long bodyBytes) {
        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Map<Integer, Boolean> clientPorts = new ConcurrentHashMap<>();

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();
            String path = target.getPath();
            clientPorts.put(exchange.getRemoteAddress().getPort(), true);
            if (path.startsWith("/slow")) {
                sleep(Long.parseLong(query(target, "millis")));
            }
            if (path.startsWith("/error")) {
                // An AWS error answer: its code in an XML body, or (with ?header=1) in the JSON protocols' header.
                drain(exchange.getRequestBody());
                record(exchange, 0);
                byte[] error = ("<Error><Code>" + query(target, "code") + "</Code><Message>no</Message></Error>").getBytes(StandardCharsets.UTF_8);
                if (target.getQuery().contains("header=1")) {
                    exchange.getResponseHeaders().set("x-amzn-ErrorType", query(target, "code") + ":http://internal.amazon.com/");
                    error = "{}".getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(Integer.parseInt(query(target, "status")), error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            if (path.startsWith("/download")) {
                drain(exchange.getRequestBody());
                record(exchange, 0);
                long bytes = Long.parseLong(query(target, "bytes"));
                exchange.sendResponseHeaders(200, bytes);
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] block = new byte[64 * 1024];
                    for (long sent = 0; sent < bytes; sent += block.length) {
                        int length = (int) Math.min(block.length, bytes - sent);
                        Patterns.fill(block, sent, length);
                        out.write(block, 0, length);
                    }
                }
                return;
            }
            MessageDigest digest = sha256();
            long length = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
            }
            record(exchange, length);
            byte[] body = ("bytes=" + length + " sha256=" + HexFormat.of().formatHex(digest.digest()) + " method=" + exchange.getRequestMethod()
                    + " target=" + target + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("X-Upstream", "test");
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void record(HttpExchange exchange, long length) {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRemoteAddress().getPort(), length));
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static String query(URI target, String name) {
        for (String pair : target.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + target);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
