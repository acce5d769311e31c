package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.World;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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

    private final HikariDataSource pool;
    private final boolean embedded;
    private final DataDirectory directory;
    /** Checkpoints the embedded store's log off the write path; null for PostgreSQL. Set once, before the store is handed out. */
    private WalCheckpointer checkpointer;
    private final String description;
    /** Locks the head row for a write batch; SQLite has no row locks (its single writer and the data directory's lock suffice). */
    private final String lockHead;
    private final ResourceCodec codec = new ResourceCodec();
    private final ChangeLogReader changeLog = new ChangeLogReader(codec);
    private final WriterStatements statements;
    /** The sequence number the last world handed out reflects; -1 before {@link #load()}. */
    private volatile long position = -1;
    /**
     * The embedded store's head row as this process last wrote it, so a batch need not read it: no other
     * process writes to the data directory while this one holds it. Null for a shared store, and after
     * a batch that did not commit (it is read again, whatever that batch left).
     */
    private volatile StoreHead knownHead;

    private SqlStore(HikariDataSource pool, DataDirectory directory, String description) {
        this.pool = pool;
        this.embedded = directory != null;
        this.directory = directory;
        this.description = description;
        this.statements = embedded ? WriterStatements.kept() : WriterStatements.perBatch();
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
    @Override
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
                long logStart = row.getLong(2);
                World world = changeLog.readAll(connection);
                connection.commit();
                position = head;
                knownHead = embedded ? new StoreHead(head, logStart) : null;
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

    /** A batch committed up to {@code seq}, keeping the log from {@code logStart}; this process's world now reflects it. */
    void movedTo(long seq, long logStart) {
        position = seq;
        if (embedded) {
            knownHead = new StoreHead(seq, logStart);
        }
    }

    /** A batch did not commit: the next one reads the head row rather than trust what this process knew. */
    void forgetHead() {
        knownHead = null;
    }

    /**
     * Where the log stands, for a batch on {@code connection}: read from the head row, which a shared
     * store locks for the batch, or, embedded, as this process last wrote it.
     */
    private StoreHead lockHead(Connection connection) throws SQLException {
        StoreHead known = knownHead;
        if (known != null) {
            return known;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(lockHead)) {
            row.next();
            return new StoreHead(row.getLong(1), row.getLong(2));
        }
    }

    /** The head row: the last sequence number written, and the oldest the change log holds. */
    record StoreHead(long head, long logStart) {}

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
            if (checkpointer != null && checkpointer.restartDue()) {
                checkpointer.finishOn(connection);
            }
            return new SqlBatch(this, changeLog, codec, statements, connection, lockHead(connection));
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
            statements.close();
            pool.close();
            if (directory != null) {
                directory.close();
            }
        }
    }

    static AwsException unavailable(String what, SQLException e) {
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

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; the pool replaces it.
        }
    }

}
