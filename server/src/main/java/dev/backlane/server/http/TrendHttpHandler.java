package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliWindow;
import dev.backlane.server.analysis.PathJson;
import dev.backlane.server.analysis.TrendJson;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /_backlane/trends?window=6h}: calls, p95 latency per service and the monthly cost at each step's traffic,
 * step by step over the window ({@link TrendJson}); the window is one of the SLIs' ({@code 1h} by default). 400 names a
 * bad parameter.
 */
public final class TrendHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/trends";

    private final SliBook book;
    private final Supplier<WorldIndex> world;
    private final Supplier<Instant> clock;

    public TrendHttpHandler(SliBook book, Supplier<WorldIndex> world, Supplier<Instant> clock) {
        this.book = requireNonNull(book, "book is null");
        this.world = requireNonNull(world, "world is null");
        this.clock = requireNonNull(clock, "clock is null");
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
                Map<String, String> query = QueryParameters.of(exchange.getRequestURI().getRawQuery(), Set.of("window"));
                SliWindow window = SliWindow.parse(query.getOrDefault("window", SliWindow.ONE_HOUR.label()));
                send(exchange, 200, TrendJson.trend(book, window, clock.get(), world.get()).toString());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, PathJson.error(e.getMessage()).toString());
            }
        }
    }
}
