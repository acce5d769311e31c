package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "many", "1000001", "99999999999", ""})
    void aGatewayConnectionLimitOutOfBoundsExitsTwoBeforeAnythingStarts(String limit) {
        Path data = directory.resolve("data");
        StringWriter errors = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setErr(new PrintWriter(errors));
        int exit = command.execute("start", "--port", "0", "--data-dir", data.toString(), "--gateway-max-connections=" + limit);
        assertEquals(2, exit);
        assertTrue(errors.toString().contains("--gateway-max-connections must be a whole number between 1 and 1000000"), errors.toString());
        assertFalse(Files.exists(data), "the server never started");
    }

    @Test
    void aGatewayConnectionLimitIsAWholeNumberWithinBounds() {
        assertEquals(1, StartCommand.gatewayMaxConnections("1"));
        assertEquals(50_000, StartCommand.gatewayMaxConnections(" 50000 "));
        assertEquals(1_000_000, StartCommand.gatewayMaxConnections("1000000"));
    }
}
