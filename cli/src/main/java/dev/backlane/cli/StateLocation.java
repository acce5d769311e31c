package dev.backlane.cli;

import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.EndpointUrl;
import dev.backlane.server.store.SqlStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code export} and {@code import-state} find the state: a shared store ({@code --store}), the
 * embedded store in {@code --data-dir} (not in use by a running server), or else a running Backlane
 * ({@code --endpoint-url}, see {@link EndpointUrl}) through its {@code /_backlane/state} endpoint.
 * At most one is given.
 */
final class StateLocation {
    static final String STATE_PATH = "/_backlane/state";

    @Option(names = "--endpoint-url", paramLabel = "URL", description = EndpointUrl.DESCRIPTION)
    String endpointUrl;

    @Option(names = "--store", paramLabel = "JDBC-URL", description = "A shared PostgreSQL store (jdbc:postgresql://...), instead of a server.")
    String storeUrl;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded store in DIR (e.g. .backlane), with no server running on it.")
    Path dataDirectory;

    boolean isServer() {
        return storeUrl == null && dataDirectory == null;
    }

    AdminClient server() {
        return new AdminClient(EndpointUrl.resolve(endpointUrl, System.getenv()));
    }

    SqlStore openStore() {
        if (dataDirectory != null && !Files.isDirectory(dataDirectory)) {
            throw CommandFailure.usage("the data directory " + dataDirectory + (Files.exists(dataDirectory) ? " is not a directory" : " does not exist"));
        }
        return storeUrl != null ? SqlStore.openShared(storeUrl) : SqlStore.openEmbedded(dataDirectory);
    }
}
