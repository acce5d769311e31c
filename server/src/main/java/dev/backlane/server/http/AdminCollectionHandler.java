package dev.backlane.server.http;

import static dev.backlane.server.http.AdminRequests.refusal;
import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The routes of an admin collection under {@code /_backlane/} (workloads, target sockets, faults): {@code GET} lists
 * it ({@code {"NAME": [...]}}) and {@code POST} with a JSON object adds a member (201 and the member; a body that is
 * no JSON object, or a member refused with an AWS error, 400 naming the code, or the code's own status from 500 up);
 * {@code GET /ID} gives one member and {@code DELETE /ID} removes it, 404 when there is no such member. Other
 * methods are 405, other paths 404.
 */
abstract class AdminCollectionHandler<T> implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final String name;
    private final String example;

    /** {@code name} is the list's member in the answer to {@code GET}; {@code example} a body shown when one is not a JSON object. */
    AdminCollectionHandler(String path, String name, String example) {
        this.path = requireNonNull(path, "path is null");
        this.name = requireNonNull(name, "name is null");
        this.example = requireNonNull(example, "example is null");
    }

    abstract List<T> members();

    /** Adds the member a JSON object asks for; throws {@link AwsException} and adds nothing when it is refused. */
    abstract T add(JsonNode body);

    abstract Optional<T> find(String id);

    abstract Optional<T> remove(String id);

    abstract JsonNode describe(T member);

    /** The body of the 404 for an ID that names no member. */
    abstract String notFound(String id);

    private void list(HttpExchange exchange) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        members().forEach(member -> all.add(describe(member)));
        send(exchange, 200, JSON.createObjectNode().set(name, all).toString());
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (JsonProcessingException e) {
            send(exchange, 400, refusal(ErrorCode.INVALID_PARAMETER_VALUE.code(), "The body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        try {
            if (body == null || !body.isObject()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The body must be a JSON object such as %s", example);
            }
            send(exchange, 201, describe(add(body)).toString());
        } catch (AwsException e) {
            send(exchange, AdminRequests.status(e), refusal(e.code().code(), e.getMessage()));
        }
    }

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
