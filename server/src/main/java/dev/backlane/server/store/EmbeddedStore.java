package dev.backlane.server.store;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Change;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The durable store under the data directory: an H2 database with one row per resource (account,
 * region, kind, ID and the resource as JSON). Each command's changes are written in one database
 * transaction before the command's answer is sent; start-up loads every row back into a world.
 */
public final class EmbeddedStore implements ChangeSink, AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS resources (
                account VARCHAR(12) NOT NULL,
                region VARCHAR(32) NOT NULL,
                kind VARCHAR(64) NOT NULL,
                id VARCHAR(512) NOT NULL,
                body CLOB NOT NULL,
                PRIMARY KEY (account, region, kind, id)
            )""";

    private final Connection connection;
    private final ResourceCodec codec = new ResourceCodec();

    private EmbeddedStore(Connection connection) {
        this.connection = connection;
    }

    public static EmbeddedStore open(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            Connection connection = DriverManager.getConnection(
                    "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("backlane") + ";MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(SCHEMA);
            }
            connection.commit();
            return new EmbeddedStore(connection);
        } catch (java.io.IOException | SQLException e) {
            throw new StoreException("cannot open the store in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public synchronized World load() {
        World.Builder builder = World.builder();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT account, region, kind, id, body FROM resources")) {
            while (rows.next()) {
                String kind = rows.getString(3);
                ResourceType<?> type = ResourceTypes.byName(kind)
                        .orElseThrow(() -> new StoreException("the store holds resources of kind '" + kind
                                + "' that this version of Backlane does not know; it was written by a newer version"));
                builder.put(new Scope(rows.getString(1), rows.getString(2)), type, codec.decode(type, rows.getString(5)));
            }
            connection.commit();
            return builder.build();
        } catch (SQLException e) {
            throw new StoreException("cannot read the store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void persist(Scope scope, List<Change> changes) {
        try (PreparedStatement upsert = connection.prepareStatement(
                        "MERGE INTO resources (account, region, kind, id, body) KEY (account, region, kind, id) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM resources WHERE account = ? AND region = ? AND kind = ? AND id = ?")) {
            for (Change change : changes) {
                PreparedStatement statement = change.isRemoval() ? delete : upsert;
                statement.setString(1, change.scope().account());
                statement.setString(2, change.scope().region());
                statement.setString(3, change.type().name());
                statement.setString(4, change.id());
                if (!change.isRemoval()) {
                    statement.setString(5, codec.encode(change.resource()));
                }
                statement.addBatch();
            }
            upsert.executeBatch();
            delete.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "The change could not be stored durably: %s", e.getMessage());
        }
    }

    @Override
    public synchronized void replaceAll(World world) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM resources");
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "The store could not be reset: %s", e.getMessage());
        }
        for (Scope scope : world.scopes()) {
            List<Change> changes = new java.util.ArrayList<>();
            for (ResourceType<?> type : ResourceTypes.all()) {
                world.all(scope, type).forEach(resource -> changes.add(new Change(scope, type, resource.id(), resource)));
            }
            persist(scope, changes);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone; the next write reports it.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store: " + e.getMessage(), e);
        }
    }
}
