package dev.backlane.cli;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durable mutations per second over HTTP: each client tags its own VPC (CreateTags, one durable write
 * each) as fast as it can, with 1, 8 and 32 clients, for the in-memory, embedded and (given
 * {@code -Dbacklane.test.postgres=jdbc:postgresql://...}) PostgreSQL stores. Run by
 * {@code bench/store-bench.sh}; not a test.
 */
public final class StoreBenchmark {
    private static final Pattern VPC_ID = Pattern.compile("<vpcId>([^<]+)</vpcId>");
    private static final int[] CLIENTS = {1, 8, 32};

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("backlane.bench.seconds", 5);
        String postgres = System.getProperty("backlane.test.postgres", "");
        List<String> stores = new ArrayList<>(List.of("in-memory", "embedded"));
        if (!postgres.isEmpty()) {
            stores.add("postgresql");
        }
        System.out.printf("CreateTags per second over HTTP, %d s per cell, %d cores%n", seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-12s %10s %10s %10s%n", "store", "1 client", "8 clients", "32 clients");
        for (String store : stores) {
            StringBuilder row = new StringBuilder(String.format("%-12s", store));
            for (int clients : CLIENTS) {
                ServerConfig config = ServerConfig.forTests().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 1000));
                config = switch (store) {
                    case "embedded" -> config.withStore(Files.createTempDirectory("backlane-bench"), false);
                    case "postgresql" -> config.withSharedStore(freshSchema(postgres));
                    default -> config;
                };
                try (BacklaneServer server = BacklaneServer.start(config)) {
                    row.append(String.format(" %10.0f", run(server.endpoint(), clients, seconds)));
                }
            }
            System.out.println(row);
        }
    }

    private static double run(String endpoint, int clients, long seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> vpcs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Matcher id = VPC_ID.matcher(post(http, endpoint, "Action=CreateVpc&Version=2016-11-15&CidrBlock=10." + i + ".0.0/16"));
            if (!id.find()) {
                throw new IllegalStateException("cannot create a VPC to tag");
            }
            vpcs.add(id.group(1));
        }
        LongAdder done = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (String vpc : vpcs) {
            Thread thread = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    String body = post(http, endpoint, "Action=CreateTags&Version=2016-11-15&ResourceId.1=" + vpc + "&Tag.1.Key=counter&Tag.1.Value=" + n++);
                    if (!body.contains("<return>true</return>")) {
                        throw new IllegalStateException("CreateTags failed: " + body);
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

    private static String post(HttpClient http, String endpoint, String form) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
