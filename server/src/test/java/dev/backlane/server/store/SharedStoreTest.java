package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.network.Quotas;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two servers on one PostgreSQL: a team sharing one emulated cloud. */
class SharedStoreTest {
    @Test
    void eachServerSeesTheOthersWritesWithinASecond() throws Exception {
        ServerConfig config = StoreTarget.postgresql().prepare().config();
        try (BacklaneServer first = BacklaneServer.start(config); BacklaneServer second = BacklaneServer.start(config)) {
            HttpApi one = new HttpApi(first.endpoint());
            HttpApi two = new HttpApi(second.endpoint());
            assertEquals(one.ec2("DescribeVpcs").stable(), two.ec2("DescribeVpcs").stable(), "one default VPC, created once");
            String vpc = one.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").first("vpcId");
            long written = System.nanoTime();
            while (!two.ec2("DescribeVpcs").body().contains(vpc)) {
                assertTrue(System.nanoTime() - written < 1_000_000_000L, "the second server did not see the first's VPC within a second");
                Thread.sleep(20);
            }
            two.ec2("CreateTags", "ResourceId.1", vpc, "Tag.1.Key", "Name", "Tag.1.Value", "from-two");
            written = System.nanoTime();
            while (!one.ec2("DescribeTags").body().contains("from-two")) {
                assertTrue(System.nanoTime() - written < 1_000_000_000L, "the first server did not see the second's tag within a second");
                Thread.sleep(20);
            }
            two.ec2("DeleteVpc", "VpcId", vpc);
            written = System.nanoTime();
            while (one.ec2("DescribeVpcs").body().contains(vpc)) {
                assertTrue(System.nanoTime() - written < 1_000_000_000L, "the first server still shows a VPC the second deleted");
                Thread.sleep(20);
            }
        }
    }

    @Test
    void concurrentWritesThroughTwoServersAreAllKeptAndValidatedAgainstEachOther() throws Exception {
        ServerConfig config = StoreTarget.postgresql().prepare().config().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 31));
        ConcurrentLinkedQueue<String> vpcs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        try (BacklaneServer first = BacklaneServer.start(config); BacklaneServer second = BacklaneServer.start(config)) {
            List<HttpApi> servers = List.of(new HttpApi(first.endpoint()), new HttpApi(second.endpoint()));
            String defaultVpc = servers.get(0).ec2("DescribeVpcs").first("vpcId");
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                HttpApi api = servers.get(client % 2);
                int number = client;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        HttpApi.Response created = api.ec2("CreateVpc", "CidrBlock", "10." + (number * 10 + i) + ".0.0/16");
                        if (created.status() == 200) {
                            vpcs.add(created.first("vpcId"));
                        }
                        String key = "client-" + number + "-" + i;
                        if (api.ec2("CreateTags", "ResourceId.1", defaultVpc, "Tag.1.Key", key, "Tag.1.Value", "v").status() == 200) {
                            tags.add(key);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            clients.shutdown();
            // 48 attempts against a quota of 31 VPCs (one is the default): the quota holds across both servers.
            assertEquals(30, vpcs.size());
            assertEquals(48, tags.size());
            for (HttpApi api : servers) {
                long start = System.nanoTime();
                Set<String> seen;
                Set<String> keys;
                do {
                    seen = new TreeSet<>(api.ec2("DescribeVpcs").all("vpcId"));
                    keys = new TreeSet<>(api.ec2("DescribeTags").all("key"));
                } while ((seen.size() != 31 || !keys.containsAll(tags)) && System.nanoTime() - start < 1_000_000_000L);
                assertTrue(seen.containsAll(vpcs), seen.toString());
                assertEquals(31, seen.size());
                assertTrue(keys.containsAll(tags), "no lost update: " + keys);
            }
        }
    }
}
