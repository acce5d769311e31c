package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.alert.Alerts;
import java.io.IOException;

/**
 * {@code GET /_backlane/alerts}: the alerting rules, the alerts pending and firing (state, since, labels), the last
 * resolved ones and the webhooks' delivery counts ({@link Alerts}).
 */
public final class AlertsHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/alerts";

    private final Alerts alerts;

    public AlertsHttpHandler(Alerts alerts) {
        this.alerts = requireNonNull(alerts, "alerts is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, JsonAnswers.error("not found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, JsonAnswers.error("method not allowed"));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && !query.isEmpty()) {
                send(exchange, 400, JsonAnswers.error("/_backlane/alerts takes no parameters"));
                return;
            }
            send(exchange, 200, alerts.answer().toString());
        }
    }
}
