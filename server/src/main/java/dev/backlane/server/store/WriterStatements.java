package dev.backlane.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a write batch gets its statements. The embedded store has one connection and one writer, so
 * its few statements are prepared once on that connection and kept (SQLite compiles each statement
 * anew on every prepare, and a batch's commit waits for it); a shared store prepares them per batch.
 * Kept statements are prepared on the pool's underlying connection, which the pool does not close
 * with its handle, and are prepared again when the pool has replaced that connection.
 */
abstract class WriterStatements {
    /** A statement for {@code sql} on {@code connection}; give it back with {@link #release}. */
    abstract PreparedStatement prepare(Connection connection, String sql) throws SQLException;

    abstract void release(PreparedStatement statement) throws SQLException;

    /** Closes what is kept. */
    void close() {}

    static WriterStatements perBatch() {
        return new WriterStatements() {
            @Override
            PreparedStatement prepare(Connection connection, String sql) throws SQLException {
                return connection.prepareStatement(sql);
            }

            @Override
            void release(PreparedStatement statement) throws SQLException {
                statement.close();
            }
        };
    }

    static WriterStatements kept() {
        return new Kept();
    }

    /** Statements kept on one connection; the store's single connection guards them (one batch at a time). */
    private static final class Kept extends WriterStatements {
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        private Connection underlying;

        @Override
        synchronized PreparedStatement prepare(Connection connection, String sql) throws SQLException {
            Connection current = connection.unwrap(Connection.class);
            if (current != underlying) {
                close();
                underlying = current;
            }
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = current.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        @Override
        void release(PreparedStatement statement) throws SQLException {
            // What a failed batch added and did not execute must not run with the next one.
            statement.clearBatch();
            statement.clearParameters();
        }

        @Override
        synchronized void close() {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // Its connection is gone with it.
                }
            }
            statements.clear();
            underlying = null;
        }
    }
}
