package dev.backlane.server;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.alert.AlertConfig;
import dev.backlane.server.requestlog.RequestLogDestination;
import dev.backlane.server.traffic.Upstreams;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a Backlane server runs: where it listens, where it keeps its state (a shared PostgreSQL at
 * {@code storeUrl} when not empty, else the embedded store in {@code dataDirectory}, or nowhere when
 * {@code inMemory}), the quotas it enforces, how long its resources' state changes take, and where its
 * request log goes (by default to {@code logs/requests.log} in the data directory, even when the state
 * is kept elsewhere), the DNS server the VPC resolvers forward names outside their views to, if any, where
 * workloads' gateways send the calls of services Backlane does not serve, and what they do with calls the path
 * engine finds BLOCKED, how many connections one workload's gateway holds open at most, and how its SLOs are judged and
 * alerted on.
 */
public record ServerConfig(String bindAddress, int port, Path dataDirectory, String storeUrl, boolean inMemory, Quotas quotas,
        String defaultRegion, String defaultAccount, TransitionTimes transitions, RequestLogDestination requestLog, Optional<InetSocketAddress> dnsForwarder,
        Upstreams upstreams, BlockedTraffic blockedTraffic, int gatewayMaxConnections, AlertConfig alerting) {

    public static final int DEFAULT_PORT = 4577;
    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";
    /** Open connections to one workload's gateway by default; more are closed at once. */
    public static final int DEFAULT_GATEWAY_MAX_CONNECTIONS = 1024;
    /** The most a gateway may be allowed: each connection costs a file descriptor, two with a tunnel. */
    public static final int MAX_GATEWAY_CONNECTIONS = 1_000_000;
    /** Dotted IPv4, or hex-and-colons IPv6: only literals, so {@link InetAddress#getByName} never asks DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(storeUrl, "storeUrl is null");
        requireNonNull(quotas, "quotas is null");
        requireNonNull(defaultRegion, "defaultRegion is null");
        requireNonNull(defaultAccount, "defaultAccount is null");
        requireNonNull(transitions, "transitions is null");
        requireNonNull(requestLog, "requestLog is null");
        requireNonNull(dnsForwarder, "dnsForwarder is null");
        requireNonNull(upstreams, "upstreams is null");
        requireNonNull(blockedTraffic, "blockedTraffic is null");
        if (gatewayMaxConnections < 1 || gatewayMaxConnections > MAX_GATEWAY_CONNECTIONS) {
            throw new IllegalArgumentException("--gateway-max-connections must be between 1 and " + MAX_GATEWAY_CONNECTIONS + ", not "
                    + gatewayMaxConnections);
        }
        requireNonNull(alerting, "alerting is null");
    }

    /** A configuration whose state changes take Backlane's default times, with the request log in the data directory. */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String storeUrl, boolean inMemory, Quotas quotas,
            String defaultRegion, String defaultAccount) {
        this(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, TransitionTimes.standard(),
                RequestLogDestination.FILE, Optional.empty(), Upstreams.none(), BlockedTraffic.STALL,
                DEFAULT_GATEWAY_MAX_CONNECTIONS, AlertConfig.standard());
    }

    /** In memory on an ephemeral loopback port, with no request log: what tests use. */
    public static ServerConfig forTests() {
        return new ServerConfig("127.0.0.1", 0, Path.of(".backlane"), "", true, Quotas.awsDefaults(), DEFAULT_REGION, DEFAULT_ACCOUNT,
                TransitionTimes.standard(), RequestLogDestination.OFF, Optional.empty(), Upstreams.none(), BlockedTraffic.STALL,
                DEFAULT_GATEWAY_MAX_CONNECTIONS, AlertConfig.standard());
    }

    /** Where the request log is written when it goes to a file. */
    public Path requestLogFile() {
        return dataDirectory.resolve("logs").resolve("requests.log");
    }

    /** The same configuration with its request log going elsewhere ({@code --log-requests}). */
    public ServerConfig withRequestLog(RequestLogDestination destination) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, destination, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    public ServerConfig withQuotas(Quotas newQuotas) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, newQuotas, defaultRegion, defaultAccount, transitions, requestLog, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    public ServerConfig withStore(Path directory, boolean memoryOnly) {
        return new ServerConfig(bindAddress, port, directory, "", memoryOnly, quotas, defaultRegion, defaultAccount, transitions, requestLog, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    /** State in a shared PostgreSQL store. */
    public ServerConfig withSharedStore(String jdbcUrl) {
        return new ServerConfig(bindAddress, port, dataDirectory, jdbcUrl, false, quotas, defaultRegion, defaultAccount, transitions, requestLog, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    /** The same configuration with other transition times ({@link TransitionTimes#instant()} for tests that never wait). */
    public ServerConfig withTransitions(TransitionTimes newTransitions) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, newTransitions, requestLog, dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    /** The same configuration with the VPC resolvers forwarding the names outside their views to this DNS server ({@code --dns-forwarder}). */
    public ServerConfig withDnsForwarder(InetSocketAddress forwarder) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog,
                Optional.of(forwarder), upstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    /**
     * The address of {@code --dns-forwarder}: an IP address (IPv6 in brackets) and an optional port, 53 when
     * none is given; never a host name, which would need a resolver to find the resolver.
     */
    public static InetSocketAddress parseDnsForwarder(String text) {
        String value = text.trim();
        String host = value;
        int port = 53;
        int colon = value.lastIndexOf(':');
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--dns-forwarder: " + text + " is not IP:PORT");
            }
            host = value.substring(1, close);
            colon = value.indexOf(':', close);
            if (colon > 0 && colon != close + 1) {
                throw new IllegalArgumentException("--dns-forwarder: " + text + " is not IP:PORT");
            }
        } else if (colon >= 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
        } else {
            colon = -1;
        }
        if (colon >= 0) {
            String digits = value.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit) || Integer.parseInt(digits) < 1
                    || Integer.parseInt(digits) > 65535) {
                throw new IllegalArgumentException("--dns-forwarder: the port of " + text + " must be between 1 and 65535");
            }
            port = Integer.parseInt(digits);
        }
        if (!IP_LITERAL.matcher(host).matches()) {
            throw new IllegalArgumentException("--dns-forwarder: " + text + " does not start with an IP address (a host name is not accepted)");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--dns-forwarder: " + text + " is not an IP address", e);
        }
    }

    /** The same configuration with the upstreams of workloads' gateways ({@code --upstream}). */
    public ServerConfig withUpstreams(Upstreams newUpstreams) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog,
                dnsForwarder, newUpstreams, blockedTraffic, gatewayMaxConnections, alerting);
    }

    /** The same configuration with what gateways do with BLOCKED calls ({@code --blocked-traffic}). */
    public ServerConfig withBlockedTraffic(BlockedTraffic mode) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog,
                dnsForwarder, upstreams, mode, gatewayMaxConnections, alerting);
    }

    /** The same configuration with the most open connections one workload's gateway holds ({@code --gateway-max-connections}). */
    public ServerConfig withGatewayMaxConnections(int connections) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog,
                dnsForwarder, upstreams, blockedTraffic, connections, alerting);
    }

    /** The same configuration with other SLOs, alerting rules, webhooks or time scale ({@code --slo-file}, {@code --alert-webhook}, {@code --alert-time-scale}). */
    public ServerConfig withAlerting(AlertConfig newAlerting) {
        return new ServerConfig(bindAddress, port, dataDirectory, storeUrl, inMemory, quotas, defaultRegion, defaultAccount, transitions, requestLog,
                dnsForwarder, upstreams, blockedTraffic, gatewayMaxConnections, newAlerting);
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
