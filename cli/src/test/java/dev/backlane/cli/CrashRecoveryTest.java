package dev.backlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.World;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Kills the server with SIGKILL at random moments while clients create VPCs, then checks, after every
 * kill, that every acknowledged VPC came back with its main route table, default security group and
 * default network ACL, and that no VPC at all is there without them (composites are whole or absent).
 */
class CrashRecoveryTest {
    private static final Pattern VPC_ID = Pattern.compile("<vpcId>([^<]+)</vpcId>");
    private static final int ROUNDS = Integer.getInteger("backlane.crash.rounds", 4);
    private static final int CLIENTS = 6;
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyAcknowledgedVpcSurvivesKillNineWhole() throws Exception {
        Path data = Files.createTempDirectory("backlane-crash");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = new TreeSet<>();
        int attempted = 0;
        int failed = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Process server = startServer(data);
            String endpoint = awaitEndpoint(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Set<String> described = describeVpcs(http, endpoint);
            assertTrue(described.containsAll(acknowledged), "round " + round + ": acknowledged VPCs are described after the restart");
            if (round == 1) {
                StoreException refused = assertThrows(StoreException.class, () -> SqlStore.openEmbedded(data));
                assertTrue(refused.getMessage().contains("another Backlane"), refused.getMessage());
            }
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            int[] attempts = new int[CLIENTS];
            int[] refusals = new int[CLIENTS];
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
                            } else {
                                refusals[number]++;
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
            Thread.sleep(200 + random.nextInt(1300));
            server.destroyForcibly();
            server.waitFor();
            running.set(false);
            for (Thread thread : clients) {
                thread.join();
            }
            for (int client = 0; client < CLIENTS; client++) {
                attempted += attempts[client];
                failed += refusals[client];
            }
            acknowledged.addAll(created);

            try (SqlStore store = SqlStore.openEmbedded(data)) {
                World world = store.load();
                List<String> stored = world.all(SCOPE, ResourceTypes.VPC).stream().map(Vpc::id).toList();
                assertTrue(stored.containsAll(acknowledged), "round " + round + ": every acknowledged VPC is stored");
                for (String vpc : stored) {
                    assertWhole(world, vpc);
                }
                System.out.printf("crash round %d: killed after %d CreateVpc answers this round; %d acknowledged so far, all stored;"
                        + " %d VPCs stored (default and in-flight ones included), each with its main route table, default group and ACL%n",
                        round, created.size(), acknowledged.size(), stored.size());
            }
        }
        Process server = startServer(data);
        try {
            String endpoint = awaitEndpoint(server);
            Set<String> after = describeVpcs(HttpClient.newHttpClient(), endpoint);
            assertTrue(after.containsAll(acknowledged));
            System.out.printf("crash test (seed %d): N=%d kill -9 rounds, %d CreateVpc attempts, %d acknowledged, %d answered with an error,"
                    + " %d VPCs after the last restart, 0 lost, 0 half-made%n",
                    seed, ROUNDS, attempted, acknowledged.size(), failed, after.size());
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }
    }

    private static void assertWhole(World world, String vpc) {
        assertEquals(1, world.all(SCOPE, ResourceTypes.ROUTE_TABLE).stream().filter(table -> table.vpcId().equals(vpc) && table.isMain()).count(),
                vpc + " has its main route table");
        assertEquals(1, world.all(SCOPE, ResourceTypes.SECURITY_GROUP).stream().filter(group -> vpc.equals(group.vpcId()) && group.isDefault()).count(),
                vpc + " has its default security group");
        assertEquals(1, world.all(SCOPE, ResourceTypes.NETWORK_ACL).stream().filter(acl -> acl.vpcId().equals(vpc) && acl.isDefault()).count(),
                vpc + " has its default network ACL");
    }

    private static Process startServer(Path data) throws IOException {
        return ServerProcess.start("--data-dir", data.toString(), "--quota", "vpcs-per-region=100000");
    }

    private static String awaitEndpoint(Process server) throws IOException {
        return ServerProcess.awaitEndpoint(server);
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
