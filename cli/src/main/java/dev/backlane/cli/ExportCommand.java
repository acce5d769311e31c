package dev.backlane.cli;

import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code backlane export FILE}: writes all state as the portable, versioned JSON dump. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write all state to FILE as a portable JSON dump.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the dump.")
    Path file;

    @Mixin
    StateLocation location;

    @Override
    public Integer call() throws InterruptedException {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".backlane-export", ".json");
            try {
                if (location.isServer()) {
                    HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(location.stateUri()).GET().build(),
                            HttpResponse.BodyHandlers.ofFile(temporary));
                    if (response.statusCode() != 200) {
                        System.err.println("backlane: " + location.endpoint + " answered " + response.statusCode() + ": " + Files.readString(temporary));
                        return 1;
                    }
                } else {
                    try (SqlStore store = location.openStore(); OutputStream out = Files.newOutputStream(temporary)) {
                        new StateDump().write(store.load(), out);
                    }
                }
                // Written whole or not at all: a failed export never leaves half a file behind.
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            System.out.println("Exported state to " + file);
            return 0;
        } catch (StoreException | IOException e) {
            System.err.println("backlane: " + e.getMessage());
            return 1;
        }
    }
}
