package dev.backlane.server;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.server.requestlog.RequestLogDestination;
import java.nio.file.Path;

/**
 * How a Backlane server runs: where it listens, where it keeps its state (a shared PostgreSQL at
 * {@code storeUrl} when not empty, else the embedded store in {@code dataDirectory}, or nowhere when
 * {@code inMemory}), the quotas it enforces, how long its resources' state changes take, and where its
 * request log goes (by default to {@code logs/requests.log} in the data directory, even when the state
 * is kept elsewhere).
 */
public record ServerConfig(String bindAddress, int port, Path dataDirectory, String storeUrl, boolean inMemory, Quotas quotas,
        String defaultRegion, String defaultAccount, TransitionTimes transitions, RequestLogDestination requestLog) {

    public static final int DEFAULT_PORT = 4577;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(storeUrl, "storeUrl is null");
        requireNonNull(quotas, "quotas is null");
        requireNonNull(defaultRegion, "defaultRegion is null");
        requireNonNull(defaultAccount, "defaultAccount is null");
        requireNonNull(transitions, "transitions is null");
        requireNonNull(requestLog, "requestLog is null");
    }

    /** A configuration whose state changes take Backlane's default times, with the request log in the data directory. */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String storeUrl, boolean inMemory, Quotas quotas,
            String defaultRegion, String defaultAccount) {
        this(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, TransitionTimes.standard(),
                RequestLogDestination.FILE);
    }

    /** In memory on an ephemeral loopback port, with no request log: what tests use. */
    public static ServerConfig forTests() {
        return new ServerConfig("127.0.0.1", 0, Path.of(".backlane"), "", true, Quotas.awsDefaults(), DEFAULT_REGION, DEFAULT_ACCOUNT,
                TransitionTimes.standard(), RequestLogDestination.OFF);
    }

    /** Where the request log is written when it goes to a file. */
    public Path requestLogFile() {
        return dataDirectory.resolve("logs").resolve("requests.log");
    }

    /** The same configuration with its request log going elsewhere ({@code --log-requests}). */
    public ServerConfig withRequestLog(RequestLogDestination destination) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, destination);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog);
    }

    public ServerConfig withQuotas(Quotas newQuotas) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, newQuotas, defaultRegion, defaultAccount, transitions, requestLog);
    }

    public ServerConfig withStore(Path directory, boolean memoryOnly) {
        return new ServerConfig(bindAddress, port, directory, "", memoryOnly, quotas, defaultRegion, defaultAccount, transitions, requestLog);
    }

    /** State in a shared PostgreSQL store. */
    public ServerConfig withSharedStore(String jdbcUrl) {
        return new ServerConfig(bindAddress, port, dataDirectory, jdbcUrl, false, quotas, defaultRegion, defaultAccount, transitions, requestLog);
    }

    /** The same configuration with other transition times ({@link TransitionTimes#instant()} for tests that never wait). */
    public ServerConfig withTransitions(TransitionTimes newTransitions) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, newTransitions, requestLog);
    }

    /** Whether state is in memory only, in the embedded store, or in a shared one; for messages. */
    public String storeDescription() {
        if (inMemory) {
            return "in memory";
        }
        return storeUrl.isEmpty() ? "state in " + dataDirectory.toAbsolutePath().normalize() : "state in " + redactedStoreUrl();
    }

    private String redactedStoreUrl() {
        return storeUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
