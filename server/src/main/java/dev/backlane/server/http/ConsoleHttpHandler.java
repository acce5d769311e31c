package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.analysis.TopologyJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console at {@code /_backlane/ui}: its pages and assets, read once from the jar's resources, and
 * {@code GET /_backlane/ui/api/topology} ({@link TopologyJson}). Only the files named in {@link #ASSETS} are served
 * (so no path can reach anything else); each with its content type and an ETag, revalidated on every load
 * ({@code no-cache}) so that a new jar's console is never mixed with an old cached one.
 */
public final class ConsoleHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/ui";
    private static final String RESOURCES = "/dev/backlane/server/console/";
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "network.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            // uPlot's built files as published on npm, with its licence (NOTICE): the console's time-series charts.
            "uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uplot/uPlot.min.css", "text/css; charset=utf-8",
            "uplot/LICENSE", "text/plain; charset=utf-8");

    private record Asset(byte[] body, String contentType, String etag) {}

    private final Cloud cloud;
    private final Supplier<List<Workload>> workloads;
    private final Map<String, Asset> assets;

    public ConsoleHttpHandler(Cloud cloud, Supplier<List<Workload>> workloads) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.assets = Map.copyOf(ASSETS.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                entry -> load(entry.getKey(), entry.getValue()))));
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = ConsoleHttpHandler.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
            return new Asset(body, contentType, etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!method.equals("GET") && !head) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            if (path.equals(PATH)) {
                exchange.getResponseHeaders().set("Location", PATH + "/");
                exchange.sendResponseHeaders(308, -1);
                return;
            }
            String name = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : null;
            if ("api/topology".equals(name)) {
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                send(exchange, 200, TopologyJson.topology(cloud.snapshot(), cloud.now(), workloads.get()).toString());
                return;
            }
            Asset asset = name == null ? null : assets.get(name.isEmpty() ? "index.html" : name);
            if (asset == null) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", asset.contentType());
            exchange.getResponseHeaders().set("ETag", asset.etag());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (asset.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(asset.body().length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, asset.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(asset.body());
            }
        }
    }
}
