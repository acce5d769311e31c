package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads the store: everything ({@link #readAll}), or what other servers logged since this process last
 * looked, applied to its world ({@link #catchUp}) — the change-log following that lets several servers
 * share one store. A log trimmed past this process's position, or a replace in it, means reading all.
 */
final class ChangeLogReader {
    private final ResourceCodec codec;

    ChangeLogReader(ResourceCodec codec) {
        this.codec = requireNonNull(codec, "codec is null");
    }

    World readAll(Connection connection) throws SQLException {
        World.Builder builder = World.builder();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT account, region FROM scopes")) {
                while (rows.next()) {
                    builder.scope(new Scope(rows.getString(1), rows.getString(2)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT account, region, kind, body FROM resources")) {
                while (rows.next()) {
                    ResourceType<?> type = typeNamed(rows.getString(3));
                    builder.put(new Scope(rows.getString(1), rows.getString(2)), type, codec.decode(type, rows.getString(4)));
                }
            }
        }
        return builder.build();
    }

    private static ResourceType<?> typeNamed(String kind) {
        return ResourceTypes.byName(kind).orElseThrow(() -> new StoreException("the store holds resources of kind '" + kind
                + "' that this version of Backlane does not know; it was written by a newer version"));
    }

    /** {@code current} with the changes logged after {@code from} up to {@code head}; the log starts at {@code logStart}. */
    World catchUp(Connection connection, World current, long from, long head, long logStart) throws SQLException {
        if (from == head) {
            return current;
        }
        if (from < logStart) {
            return readAll(connection);
        }
        World.Builder builder = current.toBuilder();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.operation, c.account, c.region, c.kind, c.id, r.body
                FROM change_log c LEFT JOIN resources r
                  ON r.account = c.account AND r.region = c.region AND r.kind = c.kind AND r.id = c.id
                WHERE c.seq > ? ORDER BY c.seq, c.position""")) {
            query.setLong(1, from);
            try (ResultSet entries = query.executeQuery()) {
                while (entries.next()) {
                    String operation = entries.getString(1);
                    if (operation.equals("replace")) {
                        return readAll(connection);
                    }
                    Scope scope = new Scope(entries.getString(2), entries.getString(3));
                    if (operation.equals("scope")) {
                        builder.scope(scope);
                        continue;
                    }
                    ResourceType<?> type = typeNamed(entries.getString(4));
                    String body = entries.getString(6);
                    // A row removed later in the log has no body now; the later entry removes it anyway.
                    if (operation.equals("put") && body != null) {
                        builder.put(scope, type, codec.decode(type, body));
                    } else {
                        builder.remove(scope, type, entries.getString(5));
                    }
                }
            }
        }
        return builder.build();
    }
}
