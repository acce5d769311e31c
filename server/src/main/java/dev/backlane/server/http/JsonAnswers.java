package dev.backlane.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** How Backlane's own endpoints under {@code /_backlane/} answer: a JSON body, and errors as {@code {"error": "..."}}. */
final class JsonAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {}

    static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** A socket as the admin endpoints show it: {@code {"address": "127.0.0.1", "port": 40123}}. */
    static ObjectNode address(InetSocketAddress address) {
        return JSON.createObjectNode().put("address", address.getAddress().getHostAddress()).put("port", address.getPort());
    }

    /**
     * The request's body as a JSON object ({@code {}} when empty); empty after answering 400 when it is not JSON or
     * not an object.
     */
    static Optional<JsonNode> objectBody(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            send(exchange, 400, error("the body is not JSON: " + e.getMessage()));
            return Optional.empty();
        }
        if (body == null || !body.isObject()) {
            send(exchange, 400, error("the body must be a JSON object"));
            return Optional.empty();
        }
        return Optional.of(body);
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
