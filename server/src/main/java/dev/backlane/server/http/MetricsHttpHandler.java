package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.observe.DataPlaneMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /_backlane/metrics}: the data plane's metrics for Prometheus to scrape, in its text exposition format;
 * {@code POST /_backlane/metrics/publish}: puts the PrivateLink metrics counted so far in the current minute, and the
 * SLIs' current readings, into CloudWatch's store now, rather than when the minute ends (for tests that read them back
 * at once).
 */
public final class MetricsHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/metrics";
    private static final String PUBLISH_PATH = PATH + "/publish";

    private final DataPlaneMetrics metrics;
    private final Runnable publisher;

    public MetricsHttpHandler(DataPlaneMetrics metrics, Runnable publisher) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PATH) && (method.equals("GET") || method.equals("HEAD"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                metrics.write(out);
                byte[] body = out.toByteArray();
                exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
                exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    try (OutputStream response = exchange.getResponseBody()) {
                        response.write(body);
                    }
                }
            } else if (path.equals(PUBLISH_PATH) && method.equals("POST")) {
                publisher.run();
                send(exchange, 200, "{\"status\":\"published\"}");
            } else if (path.equals(PATH) || path.equals(PUBLISH_PATH)) {
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
            } else {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }
}
