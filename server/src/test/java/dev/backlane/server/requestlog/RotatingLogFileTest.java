package dev.backlane.server.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
    @TempDir
    Path directory;

    @Test
    void rotatesBySizeAndKeepsTheNewestFiles() throws IOException {
        Path file = directory.resolve("logs/requests.log");
        RotatingLogFile log = new RotatingLogFile(file, 20, 2);
        for (int i = 0; i < 5; i++) {
            log.write("line-" + i + "-123456789");
        }
        log.close();
        assertEquals(List.of("line-4-123456789"), Files.readAllLines(file));
        assertEquals(List.of("line-3-123456789"), Files.readAllLines(directory.resolve("logs/requests.log.1")));
        assertEquals(List.of("line-2-123456789"), Files.readAllLines(directory.resolve("logs/requests.log.2")));
        assertFalse(Files.exists(directory.resolve("logs/requests.log.3")), "only two old files are kept");
    }

    @Test
    void appendsToTheFileOfAnEarlierRun() throws IOException {
        Path file = directory.resolve("requests.log");
        RotatingLogFile first = new RotatingLogFile(file, 1_000, 2);
        first.write("before restart");
        first.close();
        RotatingLogFile second = new RotatingLogFile(file, 1_000, 2);
        second.write("after restart");
        second.close();
        assertEquals(List.of("before restart", "after restart"), Files.readAllLines(file));
    }
}
