package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
 *
 * <p>Under a steady stream of writes a checkpoint from here never catches up: the writer appends frames
 * while it copies, so the log is never wholly copied and grows without end. Then every commit appends to
 * the file, and flushing an append costs the file system a journal commit too — twice the latency of
 * flushing a rewritten block on the development machine (bench/README.md). So once the log holds more
 * than {@value #RESTART_FRAMES} frames this asks the writer to finish the copy itself between two batches
 * ({@link #finishOn}): only the frames written since this round's copy are left, and the writer's next
 * commit then starts the log again from its beginning, rewriting blocks the file already has.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long INTERVAL_MILLIS = 100;
    /** Frames (about 4 KiB each) in the log beyond which the writer is asked to finish a checkpoint. */
    static final int RESTART_FRAMES = 1000;
    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());

    private final Connection connection;
    private final PeriodicTask rounds;
    /** The log has grown past {@link #RESTART_FRAMES}: the writer is to finish the copy before its next batch. */
    private volatile boolean restartDue;

    private WalCheckpointer(Connection connection, long intervalMillis) {
        this.connection = requireNonNull(connection, "connection is null");
        this.rounds = PeriodicTask.start("backlane-wal-checkpoint", intervalMillis, this::checkpoint);
    }

    /** Opens a connection of its own to the database and checkpoints every {@value #INTERVAL_MILLIS} ms. */
    static WalCheckpointer start(Path database) throws SQLException {
        return start(database, INTERVAL_MILLIS);
    }

    /** The same, every {@code intervalMillis}: a test that checkpoints by hand keeps the rounds out of its way. */
    static WalCheckpointer start(Path database, long intervalMillis) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=1000");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new WalCheckpointer(connection, intervalMillis);
    }

    /** Copies what it can now; a frame the writer still needs is copied by a later round. */
    void checkpoint() {
        try {
            int frames = passiveCheckpoint(connection);
            if (frames > RESTART_FRAMES) {
                restartDue = true;
            }
        } catch (SQLException e) {
            // Busy or failing for now: the log only grows until a later round succeeds; writes go on.
            LOG.log(Level.FINE, "cannot checkpoint the write-ahead log", e);
        }
    }

    /** Whether the log has grown so long that the writer should finish a checkpoint ({@link #finishOn}). */
    boolean restartDue() {
        return restartDue;
    }

    /**
     * Finishes the copy on the writer's own connection, between two batches (no transaction of it open):
     * the frames since this thread's last round are copied and the database file flushed, so the writer's
     * next commit starts the log again. Busy (a round of this thread's is copying) or failing, it leaves
     * the request standing for the next batch; the writer's connection is left as it was.
     */
    void finishOn(Connection writer) {
        try {
            passiveCheckpoint(writer);
            restartDue = false;
        } catch (SQLException e) {
            LOG.log(Level.FINE, "the writer cannot checkpoint the write-ahead log", e);
        }
    }

    /** A passive checkpoint on {@code on}; answers the frames the log held (wal_checkpoint's second column). */
    private static int passiveCheckpoint(Connection on) throws SQLException {
        try (Statement statement = on.createStatement(); ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (!row.next() || row.getInt(1) != 0) {
                throw new SQLException("the checkpoint was busy");
            }
            return row.getInt(2);
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
