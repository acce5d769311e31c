package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpHandler;
import dev.backlane.server.observe.RecentEvents;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /_backlane/events?kind=dns&limit=100}: the newest events of a kind ({@code dns}, {@code gateway},
 * {@code fault}, {@code endpoint}, {@code privatelink}) the server kept ({@link RecentEvents}), oldest first; {@code limit} (1 to the capacity, default 100).
 * 400 names a bad parameter.
 */
public final class RecentEventsHttpHandler {
    public static final String PATH = "/_backlane/events";
    private static final int DEFAULT_LIMIT = 100;

    private RecentEventsHttpHandler() {}

    public static HttpHandler of(RecentEvents events) {
        requireNonNull(events, "events is null");
        return new AdminGetHandler(PATH, Set.of("kind", "limit"), query -> {
            if (!query.containsKey("kind")) {
                throw new IllegalArgumentException("kind is required: dns, gateway, fault, endpoint or privatelink");
            }
            return events.answer(RecentEvents.Kind.parse(query.get("kind")), limit(query));
        });
    }

    private static int limit(Map<String, String> query) {
        String text = query.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number, not " + text, e);
        }
    }
}
