package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An admin call that only reads: {@code GET} on one path with the query parameters it names, answered with JSON;
 * 404 for another path, 405 for another method, 400 naming a bad parameter (an IllegalArgumentException from the
 * answer, or a parameter it does not take).
 */
final class AdminGetHandler implements HttpHandler {
    private final String path;
    private final Set<String> parameters;
    private final Function<Map<String, String>, ObjectNode> answer;

    AdminGetHandler(String path, Set<String> parameters, Function<Map<String, String>, ObjectNode> answer) {
        this.path = requireNonNull(path, "path is null");
        this.parameters = Set.copyOf(parameters);
        this.answer = requireNonNull(answer, "answer is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            try {
                send(exchange, 200, answer.apply(QueryParameters.of(exchange.getRequestURI().getRawQuery(), parameters)).toString());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PathJson.error(e.getMessage()).toString());
            }
        }
    }
}
