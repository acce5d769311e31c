package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Backlane's own endpoints under {@code /_backlane/}: health, reset (durably clears all state, and the CloudWatch
 * alarms kept in memory) and state ({@code GET} exports the portable JSON dump, {@code PUT} replaces all state with one).
 */
public final class AdminHttpHandler implements HttpHandler {
    private static final Set<String> PATHS = Set.of("/_backlane/health", "/_backlane/reset", "/_backlane/state");

    private final Cloud cloud;
    private final StateDump dump;
    private final AlarmStore alarms;

    public AdminHttpHandler(Cloud cloud, StateDump dump, AlarmStore alarms) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.dump = requireNonNull(dump, "dump is null");
        this.alarms = requireNonNull(alarms, "alarms is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                if (path.equals("/_backlane/health") && (method.equals("GET") || method.equals("HEAD"))) {
                    send(exchange, 200, "{\"status\":\"ok\"}");
                } else if (path.equals("/_backlane/reset") && method.equals("POST")) {
                    cloud.replace(World.empty());
                    // Only once the world is durably empty: a store that refuses the reset leaves the alarms too.
                    alarms.clear();
                    send(exchange, 200, "{\"status\":\"reset\"}");
                } else if (path.equals("/_backlane/state") && method.equals("GET")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    dump.write(cloud.snapshot(), out);
                    send(exchange, 200, out.toByteArray());
                } else if (path.equals("/_backlane/state") && method.equals("PUT")) {
                    World imported = dump.read(exchange.getRequestBody());
                    cloud.replace(imported);
                    send(exchange, 200, "{\"status\":\"imported\",\"scopes\":" + imported.scopes().size() + "}");
                } else if (PATHS.contains(path)) {
                    send(exchange, 405, "{\"error\":\"method not allowed\"}");
                } else {
                    send(exchange, 404, "{\"error\":\"not found\"}");
                }
            } catch (StoreException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (AwsException e) {
                send(exchange, e.code().httpStatus(), error(e.getMessage()));
            }
        }
    }
}
