package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.Operations;
import dev.backlane.server.ServerConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.InstantSource;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the durable store promises, against the embedded store and PostgreSQL alike. */
class PersistenceTest {
    private static final String TARGETS = "dev.backlane.server.store.StoreTarget#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void restartedServerAnswersEveryDescribeExactlyAsBefore(StoreTarget target) {
        ServerConfig config = target.prepare().config().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 50));
        Map<String, String> before;
        try (BacklaneServer server = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(server.endpoint());
            List<String> vpcs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                vpcs.add(api.ec2("CreateVpc", "CidrBlock", "10." + i + ".0.0/16", "TagSpecification.1.ResourceType", "vpc",
                        "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "net-" + i).first("vpcId"));
            }
            api.ec2("AssociateVpcCidrBlock", "VpcId", vpcs.get(1), "CidrBlock", "10.100.0.0/16");
            api.ec2("ModifyVpcAttribute", "VpcId", vpcs.get(2), "EnableDnsHostnames.Value", "true");
            api.ec2("CreateTags", "ResourceId.1", vpcs.get(3), "Tag.1.Key", "team", "Tag.1.Value", "blue");
            api.ec2("DeleteTags", "ResourceId.1", vpcs.get(0), "Tag.1.Key", "Name");
            api.ec2("DeleteVpc", "VpcId", vpcs.get(4));
            before = describeEverything(api, vpcs);
        }
        try (BacklaneServer restarted = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(restarted.endpoint());
            assertEquals(before, describeEverything(api, new ArrayList<>(before.keySet().stream()
                    .filter(key -> key.startsWith("vpc:")).map(key -> key.substring(4)).toList())));
        }
    }

    /** Every Describe operation Backlane implements, plus each VPC's attributes, keyed for comparison. */
    private static Map<String, String> describeEverything(HttpApi api, List<String> vpcs) {
        Map<String, String> answers = new LinkedHashMap<>();
        Set<String> operations = Operations.registry(Quotas.awsDefaults(), RegionCatalog.standard(), new PathEngine(InstantSource.system()))
                .operations("ec2");
        for (String operation : operations) {
            if (operation.startsWith("Describe")) {
                answers.put(operation, api.ec2(operation).stable());
            }
        }
        for (String vpc : vpcs) {
            answers.put("vpc:" + vpc, api.ec2("DescribeVpcAttribute", "VpcId", vpc, "Attribute", "enableDnsHostnames").stable());
        }
        assertTrue(answers.get("DescribeVpcs").contains("<vpcId>"), answers.get("DescribeVpcs"));
        return answers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void resetClearsTheStoreDurably(StoreTarget target) {
        ServerConfig config = target.prepare().config();
        String vpc;
        try (BacklaneServer server = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(server.endpoint());
            vpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16").first("vpcId");
            assertEquals(200, api.monitoring("PutMetricAlarm", "AlarmName", "api-latency", "Namespace", "App", "MetricName", "Latency",
                    "Statistic", "Maximum", "Period", "60", "EvaluationPeriods", "1", "Threshold", "100",
                    "ComparisonOperator", "GreaterThanThreshold").status());
            assertEquals(List.of("api-latency"), api.monitoring("DescribeAlarms").all("AlarmName"));
            assertEquals(200, api.admin("POST", "/_backlane/reset", null).status());
            assertFalse(api.ec2("DescribeVpcs").body().contains(vpc));
            // The alarms (in memory) go with the world, their history too.
            HttpApi.Response alarms = api.monitoring("DescribeAlarms");
            assertEquals(200, alarms.status(), alarms.body());
            assertEquals(List.of(), alarms.all("AlarmName"), alarms.body());
            assertEquals(List.of(), api.monitoring("DescribeAlarmHistory").all("AlarmName"));
        }
        try (BacklaneServer restarted = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(restarted.endpoint());
            HttpApi.Response vpcs = api.ec2("DescribeVpcs");
            assertFalse(vpcs.body().contains(vpc), vpcs.body());
            assertEquals(List.of("true"), vpcs.all("isDefault"), "only a new default VPC");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void concurrentClientsLoseNoAcknowledgedWrite(StoreTarget target) throws Exception {
        ServerConfig config = target.prepare().config().withQuotas(Quotas.awsDefaults().with("vpcs-per-region", 1000));
        ConcurrentLinkedQueue<String> acknowledgedVpcs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acknowledgedTags = new ConcurrentLinkedQueue<>();
        String defaultVpc;
        try (BacklaneServer server = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(server.endpoint());
            defaultVpc = api.ec2("DescribeVpcs").first("vpcId");
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int number = client;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        String key = "client-" + number + "-" + i;
                        // A resource holds at most 50 tags: 40 of them, from all clients at once.
                        if (i < 5 && api.ec2("CreateTags", "ResourceId.1", defaultVpc, "Tag.1.Key", key, "Tag.1.Value", "v").status() == 200) {
                            acknowledgedTags.add(key);
                        }
                        HttpApi.Response created = api.ec2("CreateVpc", "CidrBlock", "10." + (number * 20 + i) + ".0.0/16");
                        if (created.status() == 200) {
                            acknowledgedVpcs.add(created.first("vpcId"));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            clients.shutdown();
        }
        assertEquals(120, acknowledgedVpcs.size());
        assertEquals(40, acknowledgedTags.size());
        try (BacklaneServer restarted = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(restarted.endpoint());
            Set<String> vpcs = new TreeSet<>(api.ec2("DescribeVpcs").all("vpcId"));
            assertTrue(vpcs.containsAll(acknowledgedVpcs));
            assertEquals(121, vpcs.size());
            Set<String> keys = new TreeSet<>(api.ec2("DescribeTags", "Filter.1.Name", "resource-id", "Filter.1.Value.1", defaultVpc).all("key"));
            assertTrue(keys.containsAll(acknowledgedTags), keys.toString());
        }
        // Each composite is whole (one route table, security group and network ACL per VPC), as SQL on the store shows.
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT COUNT(*) FROM resources v WHERE v.kind = 'vpc' AND v.vpc_id = v.id
                          AND (SELECT COUNT(*) FROM resources r WHERE r.kind = 'route-table' AND r.vpc_id = v.id) = 1
                          AND (SELECT COUNT(*) FROM resources g WHERE g.kind = 'security-group' AND g.vpc_id = v.id) = 1
                          AND (SELECT COUNT(*) FROM resources a WHERE a.kind = 'network-acl' AND a.vpc_id = v.id) = 1""")) {
            row.next();
            assertEquals(121, row.getInt(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void failedWriteAnswers503AndKeepsNothing(StoreTarget target) {
        try (BacklaneServer server = BacklaneServer.start(target.prepare().config())) {
            HttpApi api = new HttpApi(server.endpoint());
            String before = api.ec2("DescribeVpcs").stable();
            server.store().orElseThrow().close();
            HttpApi.Response failed = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16");
            assertEquals(503, failed.status(), failed.body());
            assertEquals("ServiceUnavailable", failed.first("Code"));
            assertTrue(failed.first("Message").contains("store"), failed.body());
            assertEquals(before, api.ec2("DescribeVpcs").stable(), "the change that failed to persist is not in memory");
            assertEquals(503, api.admin("POST", "/_backlane/reset", null).status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void exportedStateImportsBackExactly(StoreTarget target) {
        ServerConfig config = target.prepare().config();
        try (BacklaneServer server = BacklaneServer.start(config)) {
            HttpApi api = new HttpApi(server.endpoint());
            String vpc = api.ec2("CreateVpc", "CidrBlock", "10.1.0.0/16", "TagSpecification.1.ResourceType", "vpc",
                    "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "kept").first("vpcId");
            String vpcs = api.ec2("DescribeVpcs").stable();
            String tags = api.ec2("DescribeTags").stable();
            HttpApi.Response dump = api.admin("GET", "/_backlane/state", null);
            assertEquals(200, dump.status());
            assertTrue(dump.body().contains("\"format\" : \"backlane-state\""), dump.body());
            api.admin("POST", "/_backlane/reset", null);
            assertFalse(api.ec2("DescribeVpcs").body().contains(vpc));
            assertEquals(200, api.admin("PUT", "/_backlane/state", dump.body()).status());
            assertEquals(vpcs, api.ec2("DescribeVpcs").stable());
            assertEquals(tags, api.ec2("DescribeTags").stable());
            HttpApi.Response refused = api.admin("PUT", "/_backlane/state", "{\"format\":\"backlane-state\",\"version\":7,\"scopes\":[]}");
            assertEquals(400, refused.status());
            assertTrue(refused.body().contains("newer Backlane"), refused.body());
            assertEquals(vpcs, api.ec2("DescribeVpcs").stable(), "a refused import changes nothing");
        }
        try (BacklaneServer restarted = BacklaneServer.start(config)) {
            assertTrue(new HttpApi(restarted.endpoint()).ec2("DescribeTags").body().contains("kept"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TARGETS)
    void storeWrittenByNewerSchemaIsRefused(StoreTarget target) throws Exception {
        target.prepare();
        target.open().close();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO flyway_schema_history
                      (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                    VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 0, TRUE)""");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        StoreException refused = assertThrows(StoreException.class, target::open);
        assertTrue(refused.getMessage().contains("schema version 99") && refused.getMessage().contains("newer Backlane"), refused.getMessage());
    }
}
