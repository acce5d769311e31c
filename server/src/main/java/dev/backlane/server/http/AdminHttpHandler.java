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
import dev.backlane.server.observe.WorldAlarmJournal;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Backlane's own endpoints under {@code /_backlane/}: health, reset (durably clears all state, the CloudWatch alarms
 * and their history with it) and state ({@code GET} exports the portable JSON dump, {@code PUT} replaces all state with
 * one, alarms included).
 */
public final class AdminHttpHandler implements HttpHandler {
    private static final Set<String> PATHS = Set.of("/_backlane/health", "/_backlane/reset", "/_backlane/state");

    private final Cloud cloud;
    private final StateDump dump;
    private final AlarmStore alarms;
    private final WorldAlarmJournal alarmJournal;

    public AdminHttpHandler(Cloud cloud, StateDump dump, AlarmStore alarms, WorldAlarmJournal alarmJournal) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.dump = requireNonNull(dump, "dump is null");
        this.alarms = requireNonNull(alarms, "alarms is null");
        this.alarmJournal = requireNonNull(alarmJournal, "alarmJournal is null");
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
                    // The alarms are kept in the world: they go with it, and a store that refuses the reset leaves them too.
                    alarmJournal.replaceWorld(World.empty(), alarms);
                    send(exchange, 200, "{\"status\":\"reset\"}");
                } else if (path.equals("/_backlane/state") && method.equals("GET")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    dump.write(cloud.snapshot(), out);
                    send(exchange, 200, out.toByteArray());
                } else if (path.equals("/_backlane/state") && method.equals("PUT")) {
                    World imported = dump.read(exchange.getRequestBody());
                    alarmJournal.replaceWorld(imported, alarms);
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
