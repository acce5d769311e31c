package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.BacklaneServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The embedded store refuses a data directory it cannot trust rather than starting empty. */
class EmbeddedStoreTest {
    @Test
    void corruptDataDirectoryStopsStartUpWithAClearMessage() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Files.write(target.directory().resolve("backlane.mv.db"), "this is not an H2 database at all".repeat(200).getBytes(StandardCharsets.UTF_8));
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains(target.directory().toAbsolutePath().normalize().toString())
                && refused.getMessage().contains("damaged"), refused.getMessage());
    }

    @Test
    void truncatedStoreFileStopsStartUp() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        Files.createFile(target.directory().resolve("backlane.mv.db"));
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
    }

    @Test
    void storeOfAnotherProgramIsRefused() throws Exception {
        StoreTarget target = StoreTarget.embedded().prepare();
        try (var connection = java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + target.directory().resolve("backlane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE resources (something INT)");
        }
        StoreException refused = assertThrows(StoreException.class, () -> BacklaneServer.start(target.config()));
        assertTrue(refused.getMessage().contains("schema"), refused.getMessage());
        Path file = target.directory().resolve("backlane.mv.db");
        assertTrue(Files.size(file) > 0, "the foreign store is left as it was");
    }
}
