package dev.backlane.e2e;

import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import dev.backlane.server.requestlog.RequestLogDestination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.fis.FisClient;
import software.amazon.awssdk.services.route53resolver.Route53ResolverClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One Backlane per test class: started in memory on an ephemeral loopback port before the class's
 * first test and stopped after its last, with AWS SDK v2 clients pointed at it. Register it as a
 * static field: {@code @RegisterExtension static final BacklaneExtension backlane = new BacklaneExtension();}.
 *
 * <p>Backlane takes the account from a 12-digit access key ID, so {@link #newAccount()} gives each test
 * an account of its own on the shared server: tests stay independent without a server each.
 *
 * <p>The server's request log and its own log (java.util.logging under {@code dev.backlane}) go to
 * {@code target/server-logs/<test class>/} in the module ({@code logs/requests.log} and
 * {@code server.log}), replaced at each run, so that a failure can be read afterwards.
 */
public final class BacklaneExtension implements BeforeAllCallback, AfterAllCallback {
    /** The access key ID of the default account, {@code 000000000000}: any non-numeric key selects it. */
    public static final String DEFAULT_ACCESS_KEY = "test";
    public static final Region REGION = Region.US_EAST_1;

    private static final AtomicLong NEXT_ACCOUNT = new AtomicLong(100_000_000_000L);

    private static final Logger SERVER_LOGGER = Logger.getLogger("dev.backlane");

    private final ServerConfig config;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private BacklaneServer server;
    private SdkHttpClient http;
    private Path requestLog;
    private FileHandler serverLog;

    public BacklaneExtension() {
        this(ServerConfig.forTests());
    }

    public BacklaneExtension(ServerConfig config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path logs = Path.of("target", "server-logs", context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
        ServerConfig logged = config.inMemory() ? config.withStore(logs, true).withRequestLog(RequestLogDestination.FILE) : config;
        requestLog = logged.requestLogFile();
        if (Files.isDirectory(requestLog.getParent())) {
            try (Stream<Path> old = Files.list(requestLog.getParent())) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(logs);
        serverLog = new FileHandler(logs.resolve("server.log").toString(), false);
        serverLog.setFormatter(new SimpleFormatter());
        SERVER_LOGGER.addHandler(serverLog);
        server = BacklaneServer.start(logged);
        http = UrlConnectionHttpClient.create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        synchronized (clients) {
            for (AutoCloseable client : clients) {
                client.close();
            }
            clients.clear();
        }
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        if (serverLog != null) {
            SERVER_LOGGER.removeHandler(serverLog);
            serverLog.close();
        }
    }

    /** The request log's file, {@code target/server-logs/<test class>/logs/requests.log}. */
    public Path requestLog() {
        requireStarted();
        return requestLog;
    }

    /**
     * The request log's lines once {@code complete} holds for them; the log is written off the request
     * threads, so a call's line appears a moment after its answer. Fails when it does not hold within 10 s.
     */
    public List<String> requestLogLines(Predicate<List<String>> complete) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> lines;
            try {
                lines = Files.exists(requestLog()) ? Files.readAllLines(requestLog(), StandardCharsets.UTF_8) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (complete.test(lines) || System.nanoTime() > deadline) {
                return lines;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lines;
            }
        }
    }

    public String endpoint() {
        requireStarted();
        return server.endpoint();
    }

    public BacklaneServer server() {
        requireStarted();
        return server;
    }

    /** An EC2 client of the default account. */
    public Ec2Client ec2() {
        return ec2(DEFAULT_ACCESS_KEY);
    }

    /** An EC2 client whose access key ID is {@code accessKeyId}: a 12-digit one selects that account. */
    public Ec2Client ec2(String accessKeyId) {
        return ec2(accessKeyId, REGION);
    }

    public Ec2Client ec2(String accessKeyId, Region region) {
        requireStarted();
        return configured(Ec2Client.builder(), accessKeyId, region);
    }

    /**
     * An EC2 client as an unconfigured SDK has it: the default HTTP client (Apache) and the default
     * retries (standard mode, three attempts), sending to {@code endpoint} (Backlane, or something in front of it).
     */
    public Ec2Client ec2WithSdkRetries(String accessKeyId, URI endpoint) {
        requireStarted();
        return remember(Ec2Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint)
                .credentialsProvider(credentials(accessKeyId))
                .region(REGION)
                .build());
    }

    /** An Elastic Load Balancing (v2) client whose access key ID is {@code accessKeyId}. */
    public ElasticLoadBalancingV2Client elb(String accessKeyId) {
        requireStarted();
        return configured(ElasticLoadBalancingV2Client.builder(), accessKeyId, REGION);
    }

    /** A CloudWatch Logs client whose access key ID is {@code accessKeyId}. */
    public CloudWatchLogsClient logs(String accessKeyId) {
        requireStarted();
        return configured(CloudWatchLogsClient.builder(), accessKeyId, REGION);
    }

    /** A CloudWatch client whose access key ID is {@code accessKeyId} (the SDK's CloudWatch of this version speaks Query). */
    public CloudWatchClient cloudWatch(String accessKeyId) {
        requireStarted();
        return configured(CloudWatchClient.builder(), accessKeyId, REGION);
    }

    /** A Route 53 Resolver client whose access key ID is {@code accessKeyId}. */
    public Route53ResolverClient resolver(String accessKeyId) {
        requireStarted();
        return configured(Route53ResolverClient.builder(), accessKeyId, REGION);
    }

    /** A Fault Injection Service client whose access key ID is {@code accessKeyId}. */
    public FisClient fis(String accessKeyId) {
        requireStarted();
        return configured(FisClient.builder(), accessKeyId, REGION);
    }

    /** An STS client of the default account. */
    public StsClient sts() {
        return sts(DEFAULT_ACCESS_KEY);
    }

    public StsClient sts(String accessKeyId) {
        requireStarted();
        return configured(StsClient.builder(), accessKeyId, REGION);
    }

    /** An account no other test uses, with its own default VPC; its access key ID is its number. */
    public Account newAccount() {
        String id = Long.toString(NEXT_ACCOUNT.getAndIncrement());
        return new Account(id, ec2(id), sts(id));
    }

    /** One account's ID and clients. */
    public record Account(String id, Ec2Client ec2, StsClient sts) {}

    /** A client of this server as the tests use them: the shared HTTP client, the account's key, no retries. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C configured(B builder, String accessKeyId,
            Region region) {
        return remember(builder
                .httpClient(http)
                .endpointOverride(URI.create(server.endpoint()))
                .credentialsProvider(credentials(accessKeyId))
                .region(region)
                .overrideConfiguration(noRetries())
                .build());
    }

    private static StaticCredentialsProvider credentials(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test"));
    }

    /** Retries would hide a server error behind a later success; every call is answered once. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    }

    private <T extends AutoCloseable> T remember(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("Backlane is not running: register BacklaneExtension as a static field with @RegisterExtension");
        }
    }
}
