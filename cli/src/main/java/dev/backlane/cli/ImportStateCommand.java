package dev.backlane.cli;

import dev.backlane.core.world.World;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code backlane import-state FILE}: replaces all state with a dump written by {@code export}, in one
 * transaction. The dump is read and checked whole before anything is replaced.
 */
@Command(name = "import-state", mixinStandardHelpOptions = true, description = "Replace all state with the JSON dump in FILE.")
final class ImportStateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A dump written by backlane export.")
    Path file;

    @Mixin
    StateLocation location;

    @Override
    public Integer call() throws InterruptedException {
        try {
            World world;
            try (InputStream in = Files.newInputStream(file)) {
                world = new StateDump().read(in);
            }
            if (location.isServer()) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(location.stateUri()).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.err.println("backlane: " + location.endpoint + " answered " + response.statusCode() + ": " + response.body());
                    return 1;
                }
            } else {
                try (SqlStore store = location.openStore()) {
                    store.load();
                    store.replaceAll(world);
                }
            }
            System.out.println("Imported " + world.scopes().size() + " scope(s) from " + file);
            return 0;
        } catch (StoreException | IOException e) {
            System.err.println("backlane: " + e.getMessage());
            return 1;
        } catch (dev.backlane.core.error.AwsException e) {
            System.err.println("backlane: " + e.getMessage());
            return 1;
        }
    }
}
