package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.sli.SliBook;
import dev.backlane.core.sli.SliWindow;
import dev.backlane.server.analysis.TrendJson;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /_backlane/trends?window=6h}: calls, p95 latency per service and the monthly cost at each step's traffic,
 * step by step over the window ({@link TrendJson}); the window is one of the SLIs' ({@code 1h} by default). 400 names a
 * bad parameter.
 */
public final class TrendHttpHandler {
    public static final String PATH = "/_backlane/trends";

    private TrendHttpHandler() {}

    public static HttpHandler of(SliBook book, Supplier<WorldIndex> world, Supplier<Instant> clock) {
        requireNonNull(book, "book is null");
        requireNonNull(world, "world is null");
        requireNonNull(clock, "clock is null");
        return new AdminGetHandler(PATH, Set.of("window"), query -> TrendJson.trend(book,
                SliWindow.parse(query.getOrDefault("window", SliWindow.ONE_HOUR.label())), clock.get(), world.get()));
    }
}
