package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the embedded store's write-ahead log into the database file from a connection and a thread of
 * its own, so that no write batch pays for a checkpoint: the writer's connection has SQLite's automatic
 * checkpoint turned off ({@code wal_autocheckpoint=0}), which would otherwise make every thousandth
 * page's commit also copy the log and flush the database file while its callers wait. A passive
 * checkpoint never blocks the writer, and it changes nothing about durability: a commit is durable once
 * its log frames are flushed, and a checkpoint flushes the log before copying and the database before
 * the log is reused ({@code synchronous=FULL} on this connection too). Once a checkpoint has copied the
 * whole log, the next write starts the log again from its beginning, so it stays small.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long INTERVAL_MILLIS = 100;
    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());

    private final Connection connection;
    private final PeriodicTask rounds;

    private WalCheckpointer(Connection connection) {
        this.connection = requireNonNull(connection, "connection is null");
        this.rounds = PeriodicTask.start("backlane-wal-checkpoint", INTERVAL_MILLIS, this::checkpoint);
    }

    /** Opens a connection of its own to the database and checkpoints every {@value #INTERVAL_MILLIS} ms. */
    static WalCheckpointer start(Path database) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=1000");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new WalCheckpointer(connection);
    }

    /** Copies what it can now; a frame the writer still needs is copied by a later round. */
    void checkpoint() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            // Busy or failing for now: the log only grows until a later round succeeds; writes go on.
            LOG.log(Level.FINE, "cannot checkpoint the write-ahead log", e);
        }
    }

    @Override
    public void close() {
        rounds.close();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "cannot close the checkpoint connection", e);
        }
    }
}
