package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.analysis.PathJson;
import dev.backlane.server.sli.Slis;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /_backlane/sli?window=1h&endpoint=vpce-...&kind=endpoint} and {@code POST /_backlane/sli} with the same
 * fields as JSON (and {@code "slos"} to read them against other targets): the SLIs M1-M10 ({@link Slis}); 400 names a
 * bad field, an unknown endpoint is 400 with EC2's wording.
 */
public final class SliHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/sli";

    private final Slis slis;

    public SliHttpHandler(Slis slis) {
        this.slis = requireNonNull(slis, "slis is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            JsonNode question;
            switch (exchange.getRequestMethod()) {
                case "GET" -> question = query(exchange.getRequestURI().getRawQuery());
                case "POST" -> {
                    Optional<JsonNode> body = JsonAnswers.objectBody(exchange);
                    if (body.isEmpty()) {
                        return;
                    }
                    question = body.get();
                }
                default -> {
                    send(exchange, 405, "{\"error\":\"method not allowed\"}");
                    return;
                }
            }
            try {
                send(exchange, 200, slis.answer(question).toString());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PathJson.error(e.getMessage()).toString());
            }
        }
    }

    private static ObjectNode query(String raw) {
        ObjectNode question = PathJson.mapper().createObjectNode();
        if (raw == null || raw.isEmpty()) {
            return question;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!name.equals("window") && !name.equals("endpoint") && !name.equals("kind")) {
                throw new IllegalArgumentException("unknown parameter " + name + "; the parameters are window, endpoint and kind");
            }
            question.put(name, value);
        }
        return question;
    }
}
