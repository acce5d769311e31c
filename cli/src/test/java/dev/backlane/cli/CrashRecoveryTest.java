package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.World;
import dev.backlane.server.store.SqlStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kills the server with SIGKILL at random moments while clients create VPCs, then checks that every
 * acknowledged VPC came back and that no VPC is there without its main route table, default security
 * group and default network ACL.
 */
class CrashRecoveryTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Pattern VPC_ID = Pattern.compile("<vpcId>([^<]+)</vpcId>");
    private static final int ROUNDS = Integer.getInteger("backlane.crash.rounds", 6);
    private static final int CLIENTS = 6;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyAcknowledgedVpcSurvivesKillNineWhole() throws Exception {
        Path data = Files.createTempDirectory("backlane-crash");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = new TreeSet<>();
        int attempted = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Process server = startServer(data);
            String endpoint = awaitEndpoint(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            assertTrue(describeVpcs(http, endpoint).containsAll(acknowledged), "round " + round + ": acknowledged VPCs are back");
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            int[] attempts = new int[CLIENTS];
            for (int client = 0; client < CLIENTS; client++) {
                int number = client;
                Thread thread = new Thread(() -> {
                    int i = 0;
                    while (running.get()) {
                        attempts[number]++;
                        String cidr = "10." + ((number * 40 + i++) % 256) + ".0.0/16";
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString("Action=CreateVpc&Version=2016-11-15&CidrBlock=" + cidr))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            Matcher id = VPC_ID.matcher(response.body());
                            if (response.statusCode() == 200 && id.find()) {
                                created.add(id.group(1));
                            }
                        } catch (IOException e) {
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }, "crash-client-" + client);
                thread.start();
                clients.add(thread);
            }
            Thread.sleep(300 + random.nextInt(1200));
            server.destroyForcibly();
            server.waitFor();
            running.set(false);
            for (Thread thread : clients) {
                thread.join();
            }
            for (int count : attempts) {
                attempted += count;
            }
            acknowledged.addAll(created);

            try (SqlStore store = SqlStore.openEmbedded(data)) {
                World world = store.load();
                Scope scope = new Scope("000000000000", "us-east-1");
                List<String> stored = world.all(scope, ResourceTypes.VPC).stream().map(Vpc::id).toList();
                assertTrue(stored.containsAll(acknowledged), "round " + round + ": every acknowledged VPC is stored");
                for (String vpc : stored) {
                    assertEquals(1, world.all(scope, ResourceTypes.ROUTE_TABLE).stream().filter(table -> table.vpcId().equals(vpc)).count(),
                            vpc + " has its main route table");
                    assertEquals(1, world.all(scope, ResourceTypes.SECURITY_GROUP).stream().filter(group -> vpc.equals(group.vpcId())).count(),
                            vpc + " has its default security group");
                    assertEquals(1, world.all(scope, ResourceTypes.NETWORK_ACL).stream().filter(acl -> acl.vpcId().equals(vpc)).count(),
                            vpc + " has its default network ACL");
                }
                System.out.printf("crash round %d: %d VPCs acknowledged so far, %d stored (with defaults and unacknowledged in-flight ones), all whole%n",
                        round, acknowledged.size(), stored.size());
            }
        }
        Process server = startServer(data);
        try {
            String endpoint = awaitEndpoint(server);
            Set<String> after = describeVpcs(HttpClient.newHttpClient(), endpoint);
            assertTrue(after.containsAll(acknowledged));
            System.out.printf("crash test (seed %d): N=%d kill -9 rounds, %d CreateVpc attempts, %d acknowledged, %d VPCs after the last restart, 0 lost, 0 half-made%n",
                    seed, ROUNDS, attempted, acknowledged.size(), after.size());
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }
    }

    private static Process startServer(Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BacklaneCommand.class.getName(),
                "start", "--port", "0", "--data-dir", data.toString(), "--quota", "vpcs-per-region=100000")
                .redirectErrorStream(true)
                .start();
    }

    private static String awaitEndpoint(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Keep the child's output pipe from filling up.
                        }
                    } catch (IOException ignored) {
                        // The child was killed.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }

    private static Set<String> describeVpcs(HttpClient http, String endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeVpcs&Version=2016-11-15")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Set<String> ids = new TreeSet<>();
        Matcher matcher = VPC_ID.matcher(response.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
