package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * The routes of an admin collection under {@code /_backlane/} (workloads, target sockets, faults): {@code GET} lists
 * it and {@code POST} adds a member; {@code GET /ID} gives one member and {@code DELETE /ID} removes it, 404 when there
 * is no such member. Other methods are 405, other paths 404.
 */
abstract class AdminCollectionHandler<T> implements HttpHandler {
    private final String path;

    AdminCollectionHandler(String path) {
        this.path = requireNonNull(path, "path is null");
    }

    abstract void list(HttpExchange exchange) throws IOException;

    abstract void create(HttpExchange exchange) throws IOException;

    abstract Optional<T> find(String id);

    abstract Optional<T> remove(String id);

    abstract JsonNode describe(T member);

    /** The body of the 404 for an ID that names no member. */
    abstract String notFound(String id);

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requested = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (requested.equals(path) || requested.equals(path + "/")) {
                switch (method) {
                    case "GET" -> list(exchange);
                    case "POST" -> create(exchange);
                    default -> send(exchange, 405, error("method not allowed"));
                }
            } else if (requested.startsWith(path + "/") && requested.indexOf('/', path.length() + 1) < 0) {
                String id = requested.substring(path.length() + 1);
                Optional<T> found = switch (method) {
                    case "GET" -> find(id);
                    case "DELETE" -> remove(id);
                    default -> null;
                };
                if (found == null) {
                    send(exchange, 405, error("method not allowed"));
                } else if (found.isEmpty()) {
                    send(exchange, 404, notFound(id));
                } else {
                    send(exchange, 200, describe(found.get()).toString());
                }
            } else {
                send(exchange, 404, error("not found"));
            }
        }
    }
}
