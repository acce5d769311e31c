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
import dev.backlane.server.requestlog.RequestLogDestination;
import java.nio.file.Path;
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
 *
 * <p>Each client's calls cannot fail when carried out once each, in order; so an
 * InvalidPermission.Duplicate or .NotFound means a call carried out twice (resent after a lost answer)
 * or a lost update. Such answers, and calls the HTTP client had to resend, are counted and reported
 * under the table, never silently skipped. The server logs its requests as {@code backlane start} does
 * ({@code logs/requests.log} in the cell's data directory; {@code -Dbacklane.bench.requestLog=off} turns
 * it off, to measure what logging costs).
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
        RequestLogDestination requestLog = RequestLogDestination.parse(System.getProperty("backlane.bench.requestLog", "file"));
        List<String> anomalies = new ArrayList<>();
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
                    Path directory = Files.createTempDirectory("backlane-bench");
                    ServerConfig config = ServerConfig.forTests().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 1000))
                            .withStore(directory, !store.equals("embedded")).withRequestLog(requestLog);
                    if (store.equals("postgresql")) {
                        config = config.withSharedStore(freshSchema(postgres));
                    }
                    Cell cell = new Cell();
                    try (BacklaneServer server = BacklaneServer.start(config)) {
                        row.append(String.format(" %10.0f", run(server.endpoint(), workload, clients, seconds, cell)));
                    }
                    if (cell.resent.sum() > 0 || cell.impossible.sum() > 0) {
                        anomalies.add(String.format("%s, %s, %d clients: %d calls resent after an I/O error, %d InvalidPermission.Duplicate/NotFound "
                                + "(request log: %s)", workload.title, store, clients, cell.resent.sum(), cell.impossible.sum(),
                                requestLog == RequestLogDestination.FILE ? config.requestLogFile() : "off"));
                    } else {
                        // Nothing to read afterwards: the cell's store and request log go.
                        deleteRecursively(directory);
                    }
                }
                System.out.println(row);
            }
            System.out.println();
        }
        System.out.println(anomalies.isEmpty() ? "No call was resent and none met its own earlier effect."
                : "Anomalies:\n  " + String.join("\n  ", anomalies));
    }

    /** What went wrong in one cell: calls the HTTP client resent, answers no single execution could give. */
    private static final class Cell {
        final LongAdder resent = new LongAdder();
        final LongAdder impossible = new LongAdder();
    }

    private static double run(String endpoint, Workload workload, int clients, long seconds, Cell cell) throws Exception {
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
                    String body = post(http, endpoint, workload.request(resource, n++), cell.resent);
                    if (body.contains("InvalidPermission.Duplicate") || body.contains("InvalidPermission.NotFound")) {
                        // Carried out twice or lost: reported, and not counted as done.
                        cell.impossible.increment();
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

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Sends a setup call. */
    private static String post(HttpClient http, String endpoint, String form) {
        return post(http, endpoint, form, new LongAdder());
    }

    /**
     * Sends one call; after an I/O error (the connection closed under the request: "header parser
     * received no bytes") sends it again, at most twice, and counts the resend in {@code resent}.
     */
    private static String post(HttpClient http, String endpoint, String form, LongAdder resent) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException(e);
                }
                resent.increment();
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
