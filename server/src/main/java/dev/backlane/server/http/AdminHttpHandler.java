package dev.backlane.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Backlane's own endpoints under {@code /_backlane/}: health and reset. */
public final class AdminHttpHandler implements HttpHandler {
    private final Cloud cloud;

    public AdminHttpHandler(Cloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_backlane/health") && (method.equals("GET") || method.equals("HEAD"))) {
                send(exchange, 200, "{\"status\":\"ok\"}");
            } else if (path.equals("/_backlane/reset") && method.equals("POST")) {
                cloud.replace(World.empty());
                send(exchange, 200, "{\"status\":\"reset\"}");
            } else if (path.equals("/_backlane/health") || path.equals("/_backlane/reset")) {
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
            } else {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
