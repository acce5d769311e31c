package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.analysis.AuditJson;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Backlane's analysis endpoints: {@code POST /_backlane/explain} (a path query, or an array of them, run
 * by the path engine on the current world, with the faults active now) and {@code POST /_backlane/audit} (the
 * configuration audit, which looks at the configuration alone).
 */
public final class AnalysisHttpHandler implements HttpHandler {
    private final Cloud cloud;
    private final PathEngine engine;
    private final UnaryOperator<WorldIndex> faults;

    public AnalysisHttpHandler(Cloud cloud, PathEngine engine) {
        this(cloud, engine, UnaryOperator.identity());
    }

    /** {@code faults} lays the faults active now over an index of the world, so {@code explain} shows what traffic meets. */
    public AnalysisHttpHandler(Cloud cloud, PathEngine engine, UnaryOperator<WorldIndex> faults) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/_backlane/explain") && method.equals("POST")) {
                explain(exchange);
            } else if (path.equals("/_backlane/audit") && method.equals("POST")) {
                audit(exchange);
            } else if (path.equals("/_backlane/explain") || path.equals("/_backlane/audit")) {
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
            } else {
                send(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void explain(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = PathJson.mapper().readTree(exchange.getRequestBody());
        } catch (IOException e) {
            send(exchange, 400, PathJson.error("the body is not JSON: " + e.getMessage()).toString());
            return;
        }
        // Every query of a batch is explained on one state at one time.
        Instant at = cloud.now();
        WorldIndex index = faults.apply(engine.index(cloud.snapshot()));
        if (body != null && body.isArray()) {
            ArrayNode results = PathJson.mapper().createArrayNode();
            body.forEach(query -> results.add(explainOne(index, query, at)));
            send(exchange, 200, results.toString());
            return;
        }
        JsonNode result = explainOne(index, body, at);
        send(exchange, result.has("error") ? 400 : 200, result.toString());
    }

    private void audit(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            body = bytes.length == 0 ? PathJson.mapper().createObjectNode() : PathJson.mapper().readTree(bytes);
        } catch (IOException e) {
            send(exchange, 400, PathJson.error("the body is not JSON: " + e.getMessage()).toString());
            return;
        }
        try {
            send(exchange, 200, AuditJson.audit(engine.index(cloud.snapshot()), body).toString());
        } catch (IllegalArgumentException e) {
            send(exchange, 400, PathJson.error(e.getMessage()).toString());
        }
    }

    private JsonNode explainOne(WorldIndex index, JsonNode query, Instant at) {
        try {
            return PathJson.toJson(engine.explain(index, PathJson.query(query), at));
        } catch (IllegalArgumentException e) {
            return PathJson.error(e.getMessage());
        } catch (AwsException e) {
            return PathJson.error(e.code().code() + ": " + e.getMessage());
        }
    }
}
