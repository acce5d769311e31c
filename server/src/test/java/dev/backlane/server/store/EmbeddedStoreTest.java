package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.BacklaneServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded store refuses a data directory it cannot trust rather than starting empty. */
class EmbeddedStoreTest {
    @Test
    void corruptDataDirectoryStopsStartUpWithAClearMessage() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Files.write(target.directory().resolve("backlane.db"), "this is not an SQLite database at all".repeat(200).getBytes(StandardCharsets.UTF_8));
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains(target.directory().toAbsolutePath().normalize().toString())
                && refused.getMessage().contains("damaged"), refused.getMessage());
    }

    @Test
    void truncatedStoreFileStopsStartUp() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Files.createFile(target.directory().resolve("backlane.db"));
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefused() {
        StoreTarget target = StoreTarget.embedded().prepare();
        try (BacklaneServer first = BacklaneServer.start(target.config())) {
            StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
            assertTrue(refused.getMessage().contains("another Backlane"), refused.getMessage());
        }
        // Released on close: the directory can be used again.
        try (BacklaneServer again = BacklaneServer.start(target.config())) {
            assertTrue(again.store().isPresent());
        }
    }

    @Test
    void storeOfAnotherProgramIsRefused() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Path file = target.directory().resolve("backlane.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE resources (something INT)");
        }
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains("schema"), refused.getMessage());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")) {
            tables.next();
            assertEquals(1, tables.getInt(1), "the foreign store is left as it was");
        }
    }

    @Test
    void dataDirectoryOfTheH2StoreIsRefusedWithHowToMoveIt() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        byte[] old = "H:2,block:4,blockSize:1000,chunk:2,format:2".getBytes(StandardCharsets.UTF_8);
        Files.write(target.directory().resolve("backlane.mv.db"), old);
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains("older Backlane") && refused.getMessage().contains("backlane export")
                && refused.getMessage().contains("delete the directory"), refused.getMessage());
        assertFalse(Files.exists(target.directory().resolve("backlane.db")), "no new store is started beside the old one");
    }

    @Test
    void storeLeftHalfCreatedByACrashIsCreatedAgain() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Files.write(target.directory().resolve("backlane.db.new"), new byte[] {1, 2, 3});
        try (BacklaneServer server = BacklaneServer.start(target.config())) {
            assertTrue(new HttpApi(server.endpoint()).ec2("DescribeVpcs").body().contains("vpc-"));
        }
        assertTrue(Files.size(target.directory().resolve("backlane.db")) > 0);
        assertFalse(Files.exists(target.directory().resolve("backlane.db.new")));
    }
}
