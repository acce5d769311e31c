package dev.backlane.cli;

import dev.backlane.server.store.SqlStore;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code export} and {@code import-state} find the state: a running server ({@code --endpoint},
 * through its {@code /_backlane/state} endpoint), a shared store ({@code --store}), or else the embedded
 * store in {@code --data-dir}, which must not be in use by a running server.
 */
final class StateLocation {
    @Option(names = "--endpoint", description = "A running Backlane, e.g. http://127.0.0.1:4577: go through its admin endpoint.")
    URI endpoint;

    @Option(names = "--store", defaultValue = "", description = "A shared PostgreSQL store (jdbc:postgresql://...).")
    String storeUrl;

    @Option(names = "--data-dir", defaultValue = ".backlane", description = "The embedded store's directory (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    boolean isServer() {
        return endpoint != null;
    }

    URI stateUri() {
        return endpoint.resolve("/_backlane/state");
    }

    SqlStore openStore() {
        return storeUrl.isEmpty() ? SqlStore.openEmbedded(dataDirectory) : SqlStore.openShared(storeUrl);
    }
}
