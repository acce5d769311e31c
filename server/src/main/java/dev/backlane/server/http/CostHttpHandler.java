package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.analysis.CostJson;
import dev.backlane.server.analysis.PathJson;
import dev.backlane.server.traffic.TrafficLedger;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /_backlane/cost}: what a month of the world's endpoints and NAT gateways costs, at the traffic the data
 * plane carried so far (scaled to a month) or at the traffic the request assumes ({@link CostJson}); 400 names what
 * is wrong with the request.
 */
public final class CostHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/cost";

    private final Cloud cloud;
    private final PathEngine engine;
    private final TrafficLedger ledger;

    public CostHttpHandler(Cloud cloud, PathEngine engine, TrafficLedger ledger) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            Optional<JsonNode> body = JsonAnswers.objectBody(exchange);
            if (body.isEmpty()) {
                return;
            }
            try {
                send(exchange, 200, CostJson.cost(engine.index(cloud.snapshot()), body.get(), cloud.now(), Optional.of(ledger::volumes),
                        ledger.anomalies()).toString());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PathJson.error(e.getMessage()).toString());
            }
        }
    }
}
