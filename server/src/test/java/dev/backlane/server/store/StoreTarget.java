package dev.backlane.server.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty store for one test: the embedded SQLite store in a temporary directory, or a new schema in the
 * PostgreSQL named by {@code -Dbacklane.test.postgres} (the PostgreSQL cases skip, saying why, when it
 * is not given). The persistence suites run once per target.
 */
public final class StoreTarget {
    public static final String POSTGRES_PROPERTY = "backlane.test.postgres";
    private static boolean skipReported;

    private final String name;
    private Path directory;
    private String url;

    private StoreTarget(String name) {
        this.name = name;
    }

    /** Both targets, for {@code @MethodSource}. */
    public static Stream<StoreTarget> all() {
        return Stream.of(embedded(), postgresql());
    }

    public static StoreTarget embedded() {
        return new StoreTarget("embedded");
    }

    public static StoreTarget postgresql() {
        return new StoreTarget("postgresql");
    }

    public boolean isShared() {
        return name.equals("postgresql");
    }

    /** Creates the empty store; for PostgreSQL without a URL, skips the test with the reason. */
    public StoreTarget prepare() {
        if (isShared()) {
            String base = System.getProperty(POSTGRES_PROPERTY, "");
            if (base.isEmpty()) {
                String reason = "PostgreSQL tests skipped: no -D" + POSTGRES_PROPERTY + "=jdbc:postgresql://... given (.ci/run starts a throwaway cluster and gives one)";
                synchronized (StoreTarget.class) {
                    if (!skipReported) {
                        System.out.println(reason);
                        skipReported = true;
                    }
                }
                assumeTrue(false, reason);
            }
            String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a schema in " + base + ": " + e.getMessage(), e);
            }
            url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            try {
                directory = Files.createTempDirectory("backlane-store-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public ServerConfig config() {
        ServerConfig base = ServerConfig.forTests();
        return isShared() ? base.withSharedStore(url) : base.withStore(directory, false);
    }

    public SqlStore open() {
        return isShared() ? SqlStore.openShared(url) : SqlStore.openEmbedded(directory);
    }

    /** A plain JDBC connection to the store, to look at or tamper with its tables. */
    public Connection connect() throws SQLException {
        return isShared()
                ? DriverManager.getConnection(url)
                : DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("backlane.db"));
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String toString() {
        return name;
    }
}
