package dev.backlane.server;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.network.Quotas;
import java.nio.file.Path;

/**
 * How a Backlane server runs: where it listens, where it keeps its state ({@code dataDirectory}, or
 * nowhere when {@code inMemory}), and the quotas it enforces.
 */
public record ServerConfig(String bindAddress, int port, Path dataDirectory, boolean inMemory, Quotas quotas, String defaultRegion,
        String defaultAccount) {

    public static final int DEFAULT_PORT = 4577;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(quotas, "quotas is null");
        requireNonNull(defaultRegion, "defaultRegion is null");
        requireNonNull(defaultAccount, "defaultAccount is null");
    }

    /** In memory on an ephemeral loopback port: what tests use. */
    public static ServerConfig forTests() {
        return new ServerConfig("127.0.0.1", 0, Path.of(".backlane"), true, Quotas.awsDefaults(), DEFAULT_REGION, DEFAULT_ACCOUNT);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDirectory, inMemory, quotas, defaultRegion, defaultAccount);
    }

    public ServerConfig withQuotas(Quotas newQuotas) {
        return new ServerConfig(bindAddress, port, dataDirectory, inMemory, newQuotas, defaultRegion, defaultAccount);
    }

    public ServerConfig withStore(Path directory, boolean memoryOnly) {
        return new ServerConfig(bindAddress, port, directory, memoryOnly, quotas, defaultRegion, defaultAccount);
    }
}
