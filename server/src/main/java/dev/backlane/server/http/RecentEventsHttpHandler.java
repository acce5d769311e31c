package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.analysis.PathJson;
import dev.backlane.server.observe.RecentEvents;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /_backlane/events?kind=dns&limit=100}: the newest events of a kind ({@code dns}, {@code gateway},
 * {@code fault}) the server kept ({@link RecentEvents}), oldest first; {@code limit} (1 to the capacity, default 100).
 * 400 names a bad parameter.
 */
public final class RecentEventsHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/events";
    private static final int DEFAULT_LIMIT = 100;

    private final RecentEvents events;

    public RecentEventsHttpHandler(RecentEvents events) {
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            try {
                Map<String, String> query = QueryParameters.of(exchange.getRequestURI().getRawQuery(), Set.of("kind", "limit"));
                if (!query.containsKey("kind")) {
                    throw new IllegalArgumentException("kind is required: dns, gateway or fault");
                }
                send(exchange, 200, events.answer(RecentEvents.Kind.parse(query.get("kind")), limit(query.get("limit"))).toString());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PathJson.error(e.getMessage()).toString());
            }
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, not " + text, e);
        }
    }
}
