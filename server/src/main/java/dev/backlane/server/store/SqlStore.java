package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.InVpc;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.Change;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable store over JDBC: embedded SQLite under the data directory, or a shared
 * PostgreSQL. One row per resource, one row per seen scope, and a change log numbered by a sequence
 * held in {@code store_head}. A write batch locks the {@code store_head} row (so writers on every
 * server sharing the store take turns), reads what others logged since this process last looked, and
 * writes its commands' changes, the log and the new head in one transaction. The schema is described
 * in {@code docs/store.md}.
 */
public final class SqlStore implements ChangeSink, AutoCloseable {
    /**
     * The longest a batch leader waits for concurrent writers before committing: a commit costs a disk
     * flush, so gathering raises throughput under concurrency (measured in bench/store-bench.sh). The
     * wait ends as soon as the batch is as full as the last one, so the bound is only reached when
     * fewer writers come back; {@code -Dbacklane.store.gatherMicros} overrides it for measurements.
     */
    private static final long GATHER_NANOS = Long.getLong("backlane.store.gatherMicros", 1000) * 1000;

    @Override
    public long gatherNanos() {
        return GATHER_NANOS;
    }

    /** Log entries kept behind the head; a server further behind than this reloads everything. */
    private static final long LOG_RETENTION = 20_000;

    private final HikariDataSource pool;
    private final boolean embedded;
    private final DataDirectory directory;
    /** Checkpoints the embedded store's log off the write path; null for PostgreSQL. Set once, before the store is handed out. */
    private WalCheckpointer checkpointer;
    private final String description;
    /** Locks the head row for a write batch; SQLite has no row locks (its single writer and the data directory's lock suffice). */
    private final String lockHead;
    private final ResourceCodec codec = new ResourceCodec();
    /** The sequence number the last world handed out reflects; -1 before {@link #load()}. */
    private volatile long position = -1;

    private SqlStore(HikariDataSource pool, DataDirectory directory, String description) {
        this.pool = pool;
        this.embedded = directory != null;
        this.directory = directory;
        this.description = description;
        this.lockHead = "SELECT head, log_start FROM store_head WHERE singleton = 1" + (embedded ? "" : " FOR UPDATE");
    }

    /**
     * The embedded store in {@code dataDirectory}: SQLite in write-ahead-log mode with
     * {@code synchronous=FULL}, so every commit forces the log to the device before it returns and an
     * acknowledged change survives a power cut, not only the process being killed. (Why SQLite and not
     * H2: {@code docs/store.md}.)
     */
    public static SqlStore openEmbedded(Path dataDirectory) {
        DataDirectory directory = DataDirectory.hold(dataDirectory);
        String description = "the data directory " + directory.path();
        try {
            if (!directory.hasDatabase()) {
                Path fresh = prepare(directory, description);
                directory.install(fresh);
            }
            SqlStore store = open(sqliteConfig(directory.database()), directory, description);
            try {
                store.checkpointer = WalCheckpointer.start(directory.database());
                return store;
            } catch (SQLException e) {
                store.close();
                throw new StoreException("cannot open " + description + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            directory.close();
            throw new StoreException("cannot create the store in " + description + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Creates a new database beside the real one, with its schema, ready to be moved into place. */
    private static Path prepare(DataDirectory directory, String description) throws IOException {
        Path fresh = directory.fresh();
        try (HikariDataSource pool = new HikariDataSource(sqliteConfig(fresh))) {
            StoreSchema.migrate(pool, description);
        } catch (RuntimeException e) {
            throw e instanceof StoreException ? e : new StoreException("cannot create the store in " + description + ": " + rootMessage(e), e);
        }
        return fresh;
    }

    private static HikariConfig sqliteConfig(Path database) {
        // One connection: SQLite has one writer, and reads are served from memory.
        HikariConfig config = poolConfig("backlane-embedded", 1);
        config.setJdbcUrl("jdbc:sqlite:" + database);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("busy_timeout", "5000");
        // The store's own WalCheckpointer copies the log into the database, off the write path.
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
        return config;
    }

    /** A PostgreSQL (15 or later) store that several Backlane servers may share. */
    public static SqlStore openShared(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("the store URL must start with jdbc:postgresql: (got " + redact(jdbcUrl) + ")");
        }
        HikariConfig config = poolConfig("backlane-shared", 4);
        config.setJdbcUrl(jdbcUrl);
        return open(config, null, "the store " + redact(jdbcUrl));
    }

    private static HikariConfig poolConfig(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        // A lost database must fail writes promptly (503), not hang them.
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        return config;
    }

    private static SqlStore open(HikariConfig config, DataDirectory directory, String description) {
        boolean embedded = directory != null;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + description + ": " + rootMessage(e)
                    + (embedded ? hintForEmbedded(rootMessage(e)) : ""), e);
        }
        try {
            StoreSchema.migrate(pool, description);
            return new SqlStore(pool, directory, description);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String hintForEmbedded(String message) {
        if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
            return " (another program is holding the database locked, such as an sqlite3 shell in a transaction; end it and start again)";
        }
        return " (the data directory is damaged or is not a Backlane store; restore it from a backup or move it aside to start afresh)";
    }

    public String description() {
        return description;
    }

    /** Whether other servers may write to this store too, so that their changes must be followed. */
    public boolean isShared() {
        return !embedded;
    }

    /** Reads the whole state; from now on, batches catch up from here. */
    public World load() {
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(lockHead)) {
                row.next();
                long head = row.getLong(1);
                World world = readAll(connection);
                connection.commit();
                position = head;
                return world;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + description + ": " + e.getMessage(), e);
        }
    }

    /** The last sequence number any server committed; cheap, for following other servers' writes. */
    public long head() throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT head FROM store_head WHERE singleton = 1")) {
            row.next();
            long head = row.getLong(1);
            connection.commit();
            return head;
        }
    }

    /** The sequence number this process's world reflects. */
    public long position() {
        return position;
    }

    /** Replaces everything stored, outside any server: {@code backlane import-state} on a stopped store. */
    public void replaceAll(World world) {
        try (Batch batch = begin()) {
            batch.catchUp(World.empty());
            batch.replaceAll(world);
            batch.commit();
        }
    }

    @Override
    public Batch begin() {
        if (position < 0) {
            throw new IllegalStateException("load() the store before writing to it");
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw unavailable("The store is unavailable", e);
        }
        try {
            return new SqlBatch(connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e instanceof SQLException sql ? unavailable("The store is unavailable", sql) : (RuntimeException) e;
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (!pool.isClosed()) {
            pool.close();
            if (directory != null) {
                directory.close();
            }
        }
    }

    private World readAll(Connection connection) throws SQLException {
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

    private static AwsException unavailable(String what, SQLException e) {
        return AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "%s: %s", what, e.getMessage());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** The URL without its password, for messages. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; the pool replaces it.
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

    private final class SqlBatch implements Batch {
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

        SqlBatch(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(lockHead)) {
                row.next();
                this.head = row.getLong(1);
                this.logStart = row.getLong(2);
            }
            this.seq = head;
        }

        @Override
        public World catchUp(World current) {
            caughtUp = true;
            long from = position;
            if (from == head) {
                return current;
            }
            try {
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
            } catch (SQLException e) {
                throw unavailable("The store could not be read", e);
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
            if (!caughtUp && position != head) {
                throw new IllegalStateException("a batch must catch up before it writes");
            }
            try {
                if (seq != head) {
                    writeStaged();
                }
                connection.commit();
                committed = true;
                position = seq;
            } catch (SQLException e) {
                throw unavailable("The change could not be stored durably", e);
            }
        }

        private void writeStaged() throws SQLException {
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
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO change_log (seq, position, operation, account, region, kind, id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
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
            }
            long newLogStart = logStart;
            if (seq - logStart > 2 * LOG_RETENTION) {
                newLogStart = seq - LOG_RETENTION;
                try (PreparedStatement prune = connection.prepareStatement("DELETE FROM change_log WHERE seq <= ?")) {
                    prune.setLong(1, newLogStart);
                    prune.executeUpdate();
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE store_head SET head = ?, log_start = ? WHERE singleton = 1")) {
                update.setLong(1, seq);
                update.setLong(2, newLogStart);
                update.executeUpdate();
            }
        }

        private void insertScopes() throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scopes (account, region, created_seq) VALUES (?, ?, ?)")) {
                for (int i = 0; i < newScopes.size(); i++) {
                    insert.setString(1, newScopes.get(i).account());
                    insert.setString(2, newScopes.get(i).region());
                    insert.setLong(3, newScopeSeqs.get(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        private void writeRows() throws SQLException {
            List<Map.Entry<RowKey, RowState>> inserts = new ArrayList<>();
            List<Map.Entry<RowKey, RowState>> updates = new ArrayList<>();
            List<RowKey> deletes = new ArrayList<>();
            for (Map.Entry<RowKey, RowState> entry : rows.entrySet()) {
                RowState state = entry.getValue();
                if (state.cleared && !replaced) {
                    deletes.add(entry.getKey());
                }
                if (state.resource != null) {
                    (state.cleared ? inserts : updates).add(entry);
                }
            }
            if (!deletes.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM resources WHERE account = ? AND region = ? AND kind = ? AND id = ?")) {
                    for (RowKey key : deletes) {
                        bindKey(delete, key, 1);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE resources SET vpc_id = ?, updated_seq = ?, body = ? WHERE account = ? AND region = ? AND kind = ? AND id = ?")) {
                    for (Map.Entry<RowKey, RowState> entry : updates) {
                        RowState state = entry.getValue();
                        update.setString(1, vpcOf(state.resource));
                        update.setLong(2, state.updatedSeq);
                        update.setString(3, codec.encode(state.resource));
                        bindKey(update, entry.getKey(), 4);
                        update.addBatch();
                    }
                    int[] counts = update.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            inserts.add(updates.get(i));
                        }
                    }
                }
            }
            if (inserts.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO resources (account, region, kind, id, vpc_id, created_seq, updated_seq, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<RowKey, RowState> entry : inserts) {
                    RowState state = entry.getValue();
                    bindKey(insert, entry.getKey(), 1);
                    insert.setString(5, vpcOf(state.resource));
                    insert.setLong(6, state.createdSeq);
                    insert.setLong(7, state.updatedSeq);
                    insert.setString(8, codec.encode(state.resource));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
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
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // The connection is broken; closing it hands it back to the pool to be replaced.
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
