package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WalCheckpointerTest {
    /**
     * The tests checkpoint by hand: a round of the checkpointer's own running at the same moment would find
     * the log busy, and the hand-made checkpoint would copy nothing (what made these tests fail under load).
     */
    private static final long BY_HAND = TimeUnit.HOURS.toMillis(1);

    /** Frames in the write-ahead log now (the second column of wal_checkpoint's answer). */
    private static int logFrames(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            row.next();
            return row.getInt(2);
        }
    }

    private static int rowCount(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** A writer as the store's: write-ahead log, automatic checkpoints off, a transaction per commit; with table t. */
    private static Connection writerWithoutAutomaticCheckpoints(Path database) throws Exception {
        Connection writer = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        }
        writer.setAutoCommit(false);
        return writer;
    }

    private static void commitRows(Connection writer, int count, int from) throws Exception {
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t (id, body) VALUES (?, ?)")) {
            for (int i = from; i < from + count; i++) {
                insert.setInt(1, i);
                insert.setString(2, "x".repeat(500));
                insert.executeUpdate();
                writer.commit();
            }
        }
    }

    @Test
    void copiesTheLogSoTheWriterStartsItAgainWithoutCheckpointingItself() throws Exception {
        Path database = Files.createTempDirectory("wal-checkpointer").resolve("backlane.db");
        try (Connection writer = writerWithoutAutomaticCheckpoints(database)) {
            commitRows(writer, 300, 0);
            // No automatic checkpoint: the log holds every commit's frames.
            try (WalCheckpointer checkpointer = WalCheckpointer.start(database, BY_HAND);
                    Connection observer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
                checkpointer.checkpoint();
                commitRows(writer, 1, 300);
                int frames = logFrames(observer);
                assertTrue(frames <= 4, "after a checkpoint the next commit starts the log again; frames: " + frames);
                assertEquals(301, rowCount(observer));
            }
        }
    }

    @Test
    void aLogTooLongIsFinishedByTheWriterWhoseNextCommitStartsItAgain() throws Exception {
        Path database = Files.createTempDirectory("wal-checkpointer").resolve("backlane.db");
        try (Connection writer = writerWithoutAutomaticCheckpoints(database);
                WalCheckpointer checkpointer = WalCheckpointer.start(database, BY_HAND);
                Connection observer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            commitRows(writer, 200, 0);
            checkpointer.checkpoint();
            assertFalse(checkpointer.restartDue(), "a short log is left to the checkpointer's own rounds");
            commitRows(writer, WalCheckpointer.RESTART_FRAMES + 100, 200);
            checkpointer.checkpoint();
            assertTrue(checkpointer.restartDue(), "a long log asks the writer to finish the copy");
            // Written after the checkpointer's round: only the writer's own checkpoint copies these frames.
            commitRows(writer, 50, 1300);
            checkpointer.finishOn(writer);
            assertFalse(checkpointer.restartDue());
            commitRows(writer, 1, 1350);
            int frames = logFrames(observer);
            assertTrue(frames <= 4, "the writer's next commit starts the log again; frames: " + frames);
            assertEquals(1351, rowCount(observer));
        }
    }

    @Test
    void writerLeftAloneKeepsEveryFrameInTheLog() throws Exception {
        Path database = Files.createTempDirectory("wal-checkpointer").resolve("backlane.db");
        try (Connection writer = writerWithoutAutomaticCheckpoints(database);
                Connection observer = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            commitRows(writer, 300, 0);
            assertTrue(logFrames(observer) >= 300, "the writer does not checkpoint on its own");
        }
    }
}
