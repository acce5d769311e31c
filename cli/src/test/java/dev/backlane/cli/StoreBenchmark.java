package dev.backlane.cli;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durable mutations per second over HTTP with 1, 8 and 32 clients, for the in-memory, embedded and
 * (given {@code -Dbacklane.test.postgres=jdbc:postgresql://...}) PostgreSQL stores, in two workloads:
 * CreateTags (each client tags its own VPC) and AuthorizeSecurityGroupIngress (each client authorizes a
 * rule in its own security group and then revokes it, so the group stays the same size; both calls are
 * durable mutations and both are counted). Run by {@code bench/store-bench.sh}; not a test. {@code
 * -Dbacklane.bench.stores=embedded} and {@code -Dbacklane.bench.clients=8} pick cells, for profiling.
 */
public final class StoreBenchmark {
    private static final Pattern VPC_ID = Pattern.compile("<vpcId>([^<]+)</vpcId>");
    private static final Pattern GROUP_ID = Pattern.compile("<groupId>([^<]+)</groupId>");

    private StoreBenchmark() {}

    /** One kind of mutation, given a client's own VPC and the client's running count. */
    private enum Workload {
        CREATE_TAGS("CreateTags"),
        AUTHORIZE_INGRESS("AuthorizeSecurityGroupIngress (with RevokeSecurityGroupIngress)");

        private final String title;

        Workload(String title) {
            this.title = title;
        }

        /** What the client owns for this workload: its VPC, or a security group in it. */
        String prepare(HttpClient http, String endpoint, String vpc, int client) {
            return switch (this) {
                case CREATE_TAGS -> vpc;
                case AUTHORIZE_INGRESS -> {
                    Matcher id = GROUP_ID.matcher(post(http, endpoint, "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=bench-" + client
                            + "&GroupDescription=bench&VpcId=" + vpc));
                    if (!id.find()) {
                        throw new IllegalStateException("cannot create a security group");
                    }
                    yield id.group(1);
                }
            };
        }

        String request(String owned, long n) {
            return switch (this) {
                case CREATE_TAGS -> "Action=CreateTags&Version=2016-11-15&ResourceId.1=" + owned + "&Tag.1.Key=counter&Tag.1.Value=" + n;
                case AUTHORIZE_INGRESS -> "Action=" + (n % 2 == 0 ? "Authorize" : "Revoke") + "SecurityGroupIngress&Version=2016-11-15&GroupId="
                        + owned + "&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=" + (1000 + n / 2 % 50000)
                        + "&IpPermissions.1.ToPort=" + (1000 + n / 2 % 50000) + "&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0/8";
            };
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("backlane.bench.seconds", 5);
        String postgres = System.getProperty("backlane.test.postgres", "");
        List<String> stores = new ArrayList<>(List.of(System.getProperty("backlane.bench.stores", "in-memory,embedded,postgresql").split(",")));
        if (postgres.isEmpty()) {
            stores.remove("postgresql");
        }
        int[] clientCounts = Arrays.stream(System.getProperty("backlane.bench.clients", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        for (Workload workload : Workload.values()) {
            System.out.printf("%s per second over HTTP, %d s per cell, %d cores%n", workload.title, seconds, Runtime.getRuntime().availableProcessors());
            StringBuilder header = new StringBuilder(String.format("%-12s", "store"));
            for (int clients : clientCounts) {
                header.append(String.format(" %10s", clients + (clients == 1 ? " client" : " clients")));
            }
            System.out.println(header);
            for (String store : stores) {
                StringBuilder row = new StringBuilder(String.format("%-12s", store));
                for (int clients : clientCounts) {
                    ServerConfig config = ServerConfig.forTests().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 1000));
                    config = switch (store) {
                        case "embedded" -> config.withStore(Files.createTempDirectory("backlane-bench"), false);
                        case "postgresql" -> config.withSharedStore(freshSchema(postgres));
                        default -> config;
                    };
                    try (BacklaneServer server = BacklaneServer.start(config)) {
                        row.append(String.format(" %10.0f", run(server.endpoint(), workload, clients, seconds)));
                    }
                }
                System.out.println(row);
            }
            System.out.println();
        }
    }

    private static double run(String endpoint, Workload workload, int clients, long seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Matcher id = VPC_ID.matcher(post(http, endpoint, "Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + i + ".0.0/16"));
            if (!id.find()) {
                throw new IllegalStateException("cannot create a VPC");
            }
            owned.add(workload.prepare(http, endpoint, id.group(1), i));
        }
        LongAdder done = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (String resource : owned) {
            Thread thread = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    String body = post(http, endpoint, workload.request(resource, n++));
                    if (body.contains("InvalidPermission.Duplicate") || body.contains("InvalidPermission.NotFound")) {
                        // A call the HTTP client resent after it had already taken effect: not counted.
                        continue;
                    }
                    if (!body.contains("<return>true</return>")) {
                        throw new IllegalStateException(workload.title + " failed: " + body);
                    }
                    if (counting.get()) {
                        done.increment();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(1500);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return done.sum() / elapsed;
    }

    /**
     * Sends one call. The JDK client now and then closes a pooled connection under a request that it
     * has not sent yet ("header parser received no bytes"); that request is sent again, a few times.
     */
    private static String post(HttpClient http, String endpoint, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String freshSchema(String base) throws Exception {
        String schema = "bench_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
