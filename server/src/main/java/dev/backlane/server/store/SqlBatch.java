package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Change;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.World;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One write batch of a {@link SqlStore}: holds the {@code store_head} row's lock from its start, catches
 * up with what others logged, stages its commands' changes (the last state of each row wins) and writes
 * rows, change log and new head in one transaction on commit.
 */
final class SqlBatch implements ChangeSink.Batch {
    /** Log entries kept behind the head; a server further behind than this reloads everything. */
    private static final long LOG_RETENTION = 20_000;

    private final SqlStore store;
    private final ChangeLogReader changeLog;
    private final ResourceCodec codec;
    private final WriterStatements statements;
    private final Connection connection;
    private final long head;
    private final long logStart;
    private final Map<RowKey, RowState> rows = new LinkedHashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final List<Scope> newScopes = new ArrayList<>();
    private final List<Long> newScopeSeqs = new ArrayList<>();
    private long seq;
    private boolean replaced;
    private boolean caughtUp;
    private boolean committed;

    /** A batch on {@code connection}, whose head row ({@link SqlStore#begin()} locked it) stands at {@code head}. */
    SqlBatch(SqlStore store, ChangeLogReader changeLog, ResourceCodec codec, WriterStatements statements, Connection connection,
            SqlStore.StoreHead head) {
        this.store = requireNonNull(store, "store is null");
        this.changeLog = requireNonNull(changeLog, "changeLog is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.statements = requireNonNull(statements, "statements is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.head = head.head();
        this.logStart = head.logStart();
        this.seq = this.head;
    }

    @Override
    public World catchUp(World current) {
        caughtUp = true;
        try {
            return changeLog.catchUp(connection, current, store.position(), head, logStart);
        } catch (SQLException e) {
            throw SqlStore.unavailable("The store could not be read", e);
        }
    }

    @Override
    public void scopeCreated(Scope scope) {
        long scopeSeq = ++seq;
        newScopes.add(scope);
        newScopeSeqs.add(scopeSeq);
        log.add(new LogEntry(scopeSeq, 0, "scope", scope, null, null));
    }

    @Override
    public void write(List<Change> changes) {
        long changeSeq = ++seq;
        int index = 0;
        for (Change change : changes) {
            log.add(new LogEntry(changeSeq, index++, change.isRemoval() ? "remove" : "put", change.scope(), change.type().name(),
                    change.id()));
            stage(change.scope(), change.type().name(), change.id(), change.resource(), changeSeq);
        }
    }

    private void stage(Scope scope, String kind, String id, Resource resource, long changeSeq) {
        RowState state = rows.computeIfAbsent(new RowKey(scope.account(), scope.region(), kind, id), key -> {
            RowState fresh = new RowState();
            fresh.cleared = replaced;
            fresh.createdSeq = changeSeq;
            return fresh;
        });
        if (resource == null) {
            state.cleared = true;
        } else if (state.resource == null && state.cleared) {
            state.createdSeq = changeSeq;
        }
        state.resource = resource;
        state.updatedSeq = changeSeq;
    }

    @Override
    public void replaceAll(World world) {
        long replaceSeq = ++seq;
        replaced = true;
        rows.clear();
        newScopes.clear();
        newScopeSeqs.clear();
        log.add(new LogEntry(replaceSeq, 0, "replace", null, null, null));
        for (Scope scope : world.scopes()) {
            newScopes.add(scope);
            newScopeSeqs.add(replaceSeq);
            for (ResourceType<?> type : ResourceTypes.all()) {
                for (Resource resource : world.all(scope, type)) {
                    stage(scope, type.name(), resource.id(), resource, replaceSeq);
                }
            }
        }
    }

    @Override
    public void commit() {
        if (!caughtUp && store.position() != head) {
            throw new IllegalStateException("a batch must catch up before it writes");
        }
        try {
            long newLogStart = seq != head ? writeStaged() : logStart;
            connection.commit();
            committed = true;
            store.movedTo(seq, newLogStart);
        } catch (SQLException e) {
            throw SqlStore.unavailable("The change could not be stored durably", e);
        }
    }

    /** Writes what the batch staged; answers where the change log now starts. */
    private long writeStaged() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (replaced) {
                statement.executeUpdate("DELETE FROM resources");
                statement.executeUpdate("DELETE FROM scopes");
            }
        }
        if (!newScopes.isEmpty()) {
            insertScopes();
        }
        writeRows();
        String logInsert = "INSERT INTO change_log (seq, position, operation, account, region, kind, id) VALUES (?, ?, ?, ?, ?, ?, ?)";
        withStatement(logInsert, insert -> {
            for (LogEntry entry : log) {
                insert.setLong(1, entry.seq());
                insert.setInt(2, entry.position());
                insert.setString(3, entry.operation());
                insert.setString(4, entry.scope() == null ? null : entry.scope().account());
                insert.setString(5, entry.scope() == null ? null : entry.scope().region());
                insert.setString(6, entry.kind());
                insert.setString(7, entry.id());
                insert.addBatch();
            }
            insert.executeBatch();
        });
        long newLogStart = seq - logStart > 2 * LOG_RETENTION ? seq - LOG_RETENTION : logStart;
        if (newLogStart != logStart) {
            withStatement("DELETE FROM change_log WHERE seq <= ?", prune -> {
                prune.setLong(1, newLogStart);
                prune.executeUpdate();
            });
        }
        withStatement("UPDATE store_head SET head = ?, log_start = ? WHERE singleton = 1", update -> {
            update.setLong(1, seq);
            update.setLong(2, newLogStart);
            update.executeUpdate();
        });
        return newLogStart;
    }

    private void insertScopes() throws SQLException {
        withStatement("INSERT INTO scopes (account, region, created_seq) VALUES (?, ?, ?)", insert -> {
            for (int i = 0; i < newScopes.size(); i++) {
                insert.setString(1, newScopes.get(i).account());
                insert.setString(2, newScopes.get(i).region());
                insert.setLong(3, newScopeSeqs.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        });
    }

    /**
     * Deletes the rows removed in this batch, then writes each row's last state with one upsert (SQLite
     * 3.24+ and PostgreSQL 9.5+ share the syntax): a new row gets its creation sequence, an existing
     * one keeps it. A created row costs one statement, not an update that finds nothing and an insert.
     */
    private void writeRows() throws SQLException {
        List<Map.Entry<RowKey, RowState>> writes = new ArrayList<>();
        List<RowKey> deletes = new ArrayList<>();
        for (Map.Entry<RowKey, RowState> entry : rows.entrySet()) {
            RowState state = entry.getValue();
            if (state.cleared && !replaced) {
                deletes.add(entry.getKey());
            }
            if (state.resource != null) {
                writes.add(entry);
            }
        }
        if (!deletes.isEmpty()) {
            withStatement("DELETE FROM resources WHERE account = ? AND region = ? AND kind = ? AND id = ?", delete -> {
                for (RowKey key : deletes) {
                    bindKey(delete, key, 1);
                    delete.addBatch();
                }
                delete.executeBatch();
            });
        }
        if (writes.isEmpty()) {
            return;
        }
        withStatement("""
                INSERT INTO resources (account, region, kind, id, vpc_id, created_seq, updated_seq, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, region, kind, id) DO UPDATE SET vpc_id = excluded.vpc_id, updated_seq = excluded.updated_seq, body = excluded.body""", upsert -> {
            for (Map.Entry<RowKey, RowState> entry : writes) {
                RowState state = entry.getValue();
                bindKey(upsert, entry.getKey(), 1);
                upsert.setString(5, vpcOf(state.resource));
                upsert.setLong(6, state.createdSeq);
                upsert.setLong(7, state.updatedSeq);
                upsert.setString(8, codec.encode(state.resource));
                upsert.addBatch();
            }
            upsert.executeBatch();
        });
    }

    /** Runs {@code work} with the statement for {@code sql}, then gives it back. */
    private void withStatement(String sql, StatementWork work) throws SQLException {
        PreparedStatement statement = statements.prepare(connection, sql);
        try {
            work.run(statement);
        } finally {
            statements.release(statement);
        }
    }

    @FunctionalInterface
    private interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }

    private void bindKey(PreparedStatement statement, RowKey key, int first) throws SQLException {
        statement.setString(first, key.account());
        statement.setString(first + 1, key.region());
        statement.setString(first + 2, key.kind());
        statement.setString(first + 3, key.id());
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                store.forgetHead();
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is broken; closing it hands it back to the pool to be replaced.
        } finally {
            SqlStore.closeQuietly(connection);
        }
    }

private static String vpcOf(Resource resource) {
    if (resource instanceof Vpc vpc) {
        return vpc.id();
    }
    return resource instanceof InVpc inVpc ? inVpc.vpcId() : null;
}

private record RowKey(String account, String region, String kind, String id) {}

/** The last staged state of one row in a batch. */
private static final class RowState {
    Resource resource;
    long createdSeq;
    long updatedSeq;
    /** The row is known not to be in the table before this batch's own insert: removed, or everything replaced. */
    boolean cleared;
}

private record LogEntry(long seq, int position, String operation, Scope scope, String kind, String id) {}
}
