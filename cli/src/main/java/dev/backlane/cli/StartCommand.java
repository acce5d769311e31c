package dev.backlane.cli;

import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.core.alert.AlertSettings;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.dataplane.gateway.BlockedTraffic;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.alert.AlertConfig;
import dev.backlane.server.requestlog.RequestLogDestination;
import dev.backlane.server.store.StoreException;
import dev.backlane.server.traffic.Upstreams;
import dev.backlane.server.zone.ZoneMappingPin;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backlane start}: serves the AWS APIs until stopped (SIGTERM or Ctrl-C stop it cleanly). */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Run the emulator.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "1:cannot start: the port is in use, or the store or the request log cannot be opened",
                ExitCode.USAGE_LINE})
final class StartCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "4577", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", defaultValue = ".backlane", description = "Where the embedded store keeps state (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--store", defaultValue = "", description = "A shared PostgreSQL store, e.g. jdbc:postgresql://db:5432/backlane?user=backlane "
            + "(instead of the embedded store in --data-dir).")
    String storeUrl;

    @Option(names = "--in-memory", description = "Keep no state on disk.")
    boolean inMemory;

    @Option(names = "--quota", description = "Raise or lower a quota, e.g. --quota vpcs-per-region=100.")
    Map<String, Integer> quotas = Map.of();

    @Option(names = "--zone-mapping", paramLabel = "ACCOUNT=ZONE:ZONE_ID,...",
            description = "Pin an account's zone mapping in a region, e.g. --zone-mapping 111111111111=us-east-1a:use1-az4,us-east-1b:use1-az6,... "
                    + "(every zone of the region). Stored like an admin pin; repeatable.")
    java.util.List<String> zoneMappings = java.util.List.of();

    @Option(names = "--default-region", defaultValue = ServerConfig.DEFAULT_REGION, description = "Region of unsigned requests (default: ${DEFAULT-VALUE}).")
    String defaultRegion;

    @Option(names = "--transition", description = "How long a state change takes, e.g. --transition vpc-endpoint-pending=30s "
            + "(ms, s, m, h; names in README).")
    Map<String, String> transitions = Map.of();

    @Option(names = "--instant-transitions", description = "End every pending and deleting state at once (deleted resources are still described for a while).")
    boolean instantTransitions;

    @Option(names = "--log-requests", defaultValue = "file", description = "Where to log one line per API call: file "
            + "(logs/requests.log in --data-dir, rotated), stdout or off (default: ${DEFAULT-VALUE}).")
    String logRequests;

    @Option(names = "--dns-forwarder", paramLabel = "IP[:PORT]", description = "Forward the DNS questions no VPC's view answers "
            + "(names outside AWS's and the VPC's) to this DNS server, port 53 unless given. Without it they are NXDOMAIN: "
            + "Backlane is never an open resolver.")
    String dnsForwarder;

    @Option(names = "--upstream", paramLabel = "SERVICE=URL",
            description = "Where workloads' gateways send the calls of a service Backlane does not serve, by its signing name: "
                    + "--upstream s3=http://127.0.0.1:9000, or --upstream default=http://127.0.0.1:4566 for every other service (repeatable).")
    java.util.List<String> upstreams = java.util.List.of();

    @Option(names = "--blocked-traffic", paramLabel = "MODE", defaultValue = "stall",
            description = "What a workload's gateway does with a call the path engine finds BLOCKED: stall (hold it unanswered, as AWS "
                    + "drops the packets, until the client gives up), reset (close the connection) or error (answer 504 with the "
                    + "explanation at once, for fast tests) (default: ${DEFAULT-VALUE}).")
    String blockedTraffic;

    @Option(names = "--gateway-max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_GATEWAY_MAX_CONNECTIONS,
            description = "The most connections one workload's gateway holds open (calls, CONNECT and SOCKS5 tunnels); a connection "
                    + "beyond it is closed at once. 1 to " + ServerConfig.MAX_GATEWAY_CONNECTIONS + " (default: ${DEFAULT-VALUE}).")
    String gatewayMaxConnections;

    @Option(names = "--slo-file", paramLabel = "FILE",
            description = "SLOs of your own for the SLIs and alerts (JSON: the fields of slos.json to change, and \"alerts\": rules, "
                    + "evaluationInterval, webhooks; see docs/alerts.md).")
    Path sloFile;

    @Option(names = "--alert-webhook", paramLabel = "URL",
            description = "Send alert notifications to this URL in Alertmanager's webhook format (repeatable; added to the SLO file's).")
    java.util.List<String> alertWebhooks = java.util.List.of();

    @Option(names = "--alert-time-scale", paramLabel = "N", defaultValue = "1",
            description = "For tests: run the alerting windows, their for durations, the evaluation interval and the SLIs' minute N times "
                    + "faster (a divisor of 60000; default: ${DEFAULT-VALUE}).")
    long alertTimeScale;

    /** The connection pool and the migrations report every start at INFO; only their warnings matter here. */
    private static final java.util.List<java.util.logging.Logger> QUIET_LIBRARIES = java.util.List.of(
            java.util.logging.Logger.getLogger("com.zaxxer.hikari"), java.util.logging.Logger.getLogger("org.flywaydb"));

    @Override
    public Integer call() throws InterruptedException {
        QUIET_LIBRARIES.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        Quotas configured = Quotas.awsDefaults();
        TransitionTimes times = instantTransitions ? TransitionTimes.instant() : TransitionTimes.standard();
        RequestLogDestination requestLog;
        Upstreams upstreamsByService;
        BlockedTraffic blockedMode;
        int maxConnections;
        java.util.List<ZoneMappingPin> pins = new java.util.ArrayList<>();
        java.util.Optional<java.net.InetSocketAddress> forwarder = java.util.Optional.empty();
        AlertConfig alerting;
        try {
            alerting = alerting();
            if (dnsForwarder != null) {
                forwarder = java.util.Optional.of(ServerConfig.parseDnsForwarder(dnsForwarder));
            }
            for (Map.Entry<String, Integer> quota : quotas.entrySet()) {
                configured = configured.with(quota.getKey(), quota.getValue());
            }
            for (Map.Entry<String, String> transition : transitions.entrySet()) {
                times = times.with(transition.getKey(), transition.getValue());
            }
            requestLog = RequestLogDestination.parse(logRequests);
            upstreamsByService = Upstreams.parse(upstreams);
            blockedMode = BlockedTraffic.parse(blockedTraffic);
            maxConnections = gatewayMaxConnections(gatewayMaxConnections);
            for (String mapping : zoneMappings) {
                pins.add(ZoneMappingPin.parse(mapping));
            }
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw CommandFailure.usage("--port must be between 0 and 65535, not " + port);
        }
        ServerConfig config = new ServerConfig(bind, port, dataDirectory, storeUrl, inMemory, configured, defaultRegion, ServerConfig.DEFAULT_ACCOUNT)
                .withTransitions(times).withRequestLog(requestLog).withUpstreams(upstreamsByService).withBlockedTraffic(blockedMode)
                .withGatewayMaxConnections(maxConnections).withAlerting(alerting);
        if (forwarder.isPresent()) {
            config = config.withDnsForwarder(forwarder.get());
        }
        BacklaneServer server;
        try {
            server = BacklaneServer.start(config);
        } catch (StoreException e) {
            throw CommandFailure.failed(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw CommandFailure.failed(e.getMessage());
        }
        try {
            for (ZoneMappingPin pin : pins) {
                pin.applyTo(server.cloud());
            }
        } catch (AwsException e) {
            // The flag names zones the region does not have, or the stored state already uses other names.
            server.close();
            String message = "--zone-mapping: " + e.getMessage();
            throw e.code() == ErrorCode.INCORRECT_STATE ? CommandFailure.failed(message) : CommandFailure.usage(message);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "backlane-shutdown"));
        System.out.println("Backlane listening on " + server.endpoint() + " (" + config.storeDescription() + "; " + requestLogDescription(config) + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A whole number within the bounds {@link ServerConfig} allows, else a usage error naming the flag. */
    static int gatewayMaxConnections(String text) {
        String value = text.trim();
        if (value.isEmpty() || value.length() > 7 || !value.chars().allMatch(Character::isDigit) || Integer.parseInt(value) < 1
                || Integer.parseInt(value) > ServerConfig.MAX_GATEWAY_CONNECTIONS) {
            throw new IllegalArgumentException("--gateway-max-connections must be a whole number between 1 and "
                    + ServerConfig.MAX_GATEWAY_CONNECTIONS + ", not '" + text + "'");
        }
        return Integer.parseInt(value);
    }

    /** The SLOs and alerting of --slo-file, --alert-webhook and --alert-time-scale; IllegalArgumentException names what is wrong. */
    private AlertConfig alerting() {
        AlertConfig alerting = AlertConfig.standard();
        if (sloFile != null) {
            String text = InputFile.readString(sloFile, "the SLO file");
            try {
                alerting = AlertConfig.fromSloFile(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("--slo-file " + sloFile + " is not JSON: " + e.getOriginalMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--slo-file " + sloFile + ": " + e.getMessage(), e);
            }
        }
        java.util.List<java.net.URI> webhooks = new java.util.ArrayList<>();
        for (String webhook : alertWebhooks) {
            webhooks.add(AlertSettings.webhook(webhook, "--alert-webhook"));
        }
        return alerting.withWebhooks(webhooks).withTimeScale(alertTimeScale);
    }

    private static String requestLogDescription(ServerConfig config) {
        return switch (config.requestLog()) {
            case FILE -> "requests logged to " + config.requestLogFile().toAbsolutePath().normalize();
            case STDOUT -> "requests logged to standard output";
            case OFF -> "requests not logged";
        };
    }
}
