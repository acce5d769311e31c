package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCommandTest {
    @TempDir
    Path directory;

    @Test
    void unknownRequestLogDestinationExitsTwoBeforeAnythingStarts() {
        Path data = directory.resolve("data");
        int exit = BacklaneCommand.newCommandLine().execute("start", "--port", "0", "--data-dir", data.toString(), "--log-requests=sideways");
        assertEquals(2, exit);
        assertFalse(Files.exists(data), "no data directory, no request log: the server never started");
    }
}
