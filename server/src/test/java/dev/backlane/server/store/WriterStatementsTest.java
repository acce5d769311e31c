package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class WriterStatementsTest {
    private static final String INSERT = "INSERT INTO t (id) VALUES (?)";

    private static Connection database(Path file) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY)");
        }
        return connection;
    }

    private static int rows(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void keptStatementsArePreparedOncePerConnectionAndAgainOnAnother() throws Exception {
        Path file = Files.createTempDirectory("writer-statements").resolve("t.db");
        WriterStatements statements = WriterStatements.kept();
        try (Connection first = database(file); Connection second = database(file)) {
            PreparedStatement prepared = statements.prepare(first, INSERT);
            statements.release(prepared);
            assertSame(prepared, statements.prepare(first, INSERT));
            statements.release(prepared);

            PreparedStatement onSecond = statements.prepare(second, INSERT);
            assertNotSame(prepared, onSecond);
            assertTrue(prepared.isClosed(), "the statement of the replaced connection is closed");
            onSecond.setInt(1, 1);
            onSecond.executeUpdate();
            statements.release(onSecond);
            assertEquals(1, rows(second));
        } finally {
            statements.close();
        }
    }

    @Test
    void whatAFailedBatchAddedDoesNotRunWithTheNextOne() throws Exception {
        Path file = Files.createTempDirectory("writer-statements").resolve("t.db");
        WriterStatements statements = WriterStatements.kept();
        try (Connection connection = database(file)) {
            PreparedStatement insert = statements.prepare(connection, INSERT);
            insert.setInt(1, 1);
            insert.addBatch();
            // The batch failed before executeBatch.
            statements.release(insert);

            PreparedStatement again = statements.prepare(connection, INSERT);
            again.setInt(1, 2);
            again.addBatch();
            again.executeBatch();
            statements.release(again);
            assertEquals(1, rows(connection));
        } finally {
            statements.close();
        }
    }

    @Test
    void perBatchStatementsAreClosedWhenGivenBack() throws Exception {
        Path file = Files.createTempDirectory("writer-statements").resolve("t.db");
        WriterStatements statements = WriterStatements.perBatch();
        try (Connection connection = database(file)) {
            PreparedStatement insert = statements.prepare(connection, INSERT);
            assertFalse(insert.isClosed());
            statements.release(insert);
            assertTrue(insert.isClosed());
        }
    }
}
