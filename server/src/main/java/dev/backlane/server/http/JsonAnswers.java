package dev.backlane.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

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
