package dev.backlane.server.api.fis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.alarm.AlarmRequests;
import dev.backlane.core.alarm.AlarmState;
import dev.backlane.core.alarm.AlarmStore;
import dev.backlane.core.event.AlarmStateChangedEvent;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.fault.FaultCommand;
import dev.backlane.core.metrics.MetricStore;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.NetworkAcl;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.PrefixListCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.ApiResponse;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.fault.Faults;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FIS's aws:network:disrupt-connectivity through the REST-JSON dispatcher: the target subnet is put on a FIS network ACL
 * when the experiment starts and given its own ACL back when the experiment is stopped (by StopExperiment or a stop
 * condition) or its duration runs out, also by a server started again on the same world; templates AWS refuses are refused.
 */
class FisDisruptConnectivityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final ServiceEndpoint FIS = ServiceEndpoint.load("fis", "fis-2020-12-01.service-2.json");

    private final SteppingClock clock = new SteppingClock();
    private final Cloud cloud = new Cloud(World.empty(), clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());
    private final Faults faults = new Faults(new FaultCommand(RegionCatalog.standard()), clock, IdSource.sequential(), new EventStream());
    private final AlarmStore alarms = new AlarmStore(MetricStore.standard(),
            transition -> this.fis.stopConditions().accept(AlarmStateChangedEvent.of(transition)));
    private final FisOperations fis = new FisOperations(faults, alarms, cloud, Quotas.awsDefaults(), id -> Optional.empty());
    private final ApiDispatcher dispatcher = dispatcher();
    private final String vpc = cloud.write(SCOPE, transaction -> new VpcCommands(Quotas.awsDefaults())
            .create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)).id());
    private final Subnet subnet = subnet("10.0.1.0/24", "us-east-1a");
    private final String ownAcl = aclOf(subnet.id()).id();

    @AfterEach
    void close() {
        fis.close();
        faults.close();
    }

    @Test
    void theSubnetIsOnATaggedFisAclDenyingS3WhileTheExperimentRunsAndGetsItsOwnBackWhenStopped() throws Exception {
        String experiment = start(template("s3", "{\"scope\": \"s3\", \"duration\": \"PT10M\"}"));

        NetworkAcl fisAcl = aclOf(subnet.id());
        assertNotEquals(ownAcl, fisAcl.id());
        assertEquals("true", state().find(ResourceTypes.TAGS, fisAcl.id()).map(ResourceTags::tags).orElseThrow().get("managedByFIS"));
        List<String> s3 = AwsPrefixListCatalog.standard().region("us-east-1").stream().filter(list -> list.service().equals("s3")).findFirst()
                .orElseThrow().cidrs();
        assertEquals(s3, fisAcl.entries().stream().filter(entry -> entry.egress() && entry.ruleAction().equals("deny") && !entry.isDefaultRule())
                .map(NetworkAclEntry::cidrBlock).toList());
        assertEquals("running", ok("GET", "/experiments/" + experiment, "").path("experiment").path("state").path("status").asText());

        ok("DELETE", "/experiments/" + experiment, "");

        assertEquals(ownAcl, aclOf(subnet.id()).id());
        assertTrue(state().find(ResourceTypes.NETWORK_ACL, fisAcl.id()).isEmpty(), "the FIS ACL is deleted");
        assertTrue(state().find(ResourceTypes.FIS_EXPERIMENT, experiment).orElseThrow().aclSwaps().isEmpty());
    }

    @Test
    void whenTheDurationRunsOutTheSubnetGetsItsOwnAclBackAlsoFromAServerStartedAgain() throws Exception {
        String experiment = start(template("all", "{\"scope\": \"all\", \"duration\": \"PT1M\"}"));
        String fisAcl = aclOf(subnet.id()).id();
        assertEquals(List.of(NetworkAclEntry.DEFAULT_RULE_NUMBER, NetworkAclEntry.DEFAULT_RULE_NUMBER),
                aclOf(subnet.id()).entries().stream().map(NetworkAclEntry::ruleNumber).toList(), "scope all: only the * rules");

        clock.advance(Duration.ofMinutes(1));
        // A server started again on the same world takes up what the experiment owes, at once since its time is past.
        new FisOperations(faults, alarms, cloud, Quotas.awsDefaults(), id -> Optional.empty()).resume();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!aclOf(subnet.id()).id().equals(ownAcl) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(ownAcl, aclOf(subnet.id()).id());
        assertTrue(state().find(ResourceTypes.NETWORK_ACL, fisAcl).isEmpty());
        assertEquals("completed", ok("GET", "/experiments/" + experiment, "").path("experiment").path("state").path("status").asText());
    }

    @Test
    void aStopConditionGoingToAlarmGivesTheSubnetItsOwnAclBackAtOnce() throws Exception {
        alarms.put(SCOPE, "orders-errors", AlarmRequests.definition(new AlarmRequests.PutAlarmRequest(Optional.empty(), Optional.empty(), List.of(),
                List.of(), List.of(), Optional.of("App"), Optional.of("Errors"), List.of(), Optional.of("Sum"), Optional.empty(), Optional.of(60),
                Optional.empty(), Optional.of(1), Optional.empty(), Optional.of(1.0), Optional.of("GreaterThanThreshold"), Optional.of("notBreaching"),
                Optional.empty(), List.of(), Optional.empty(), Map.of(), false)), Map.of(), clock.instant());
        String experiment = start(template("alarm", "{\"scope\": \"dynamodb\", \"duration\": \"PT10M\"}").replace("{\"source\": \"none\"}",
                "{\"source\": \"aws:cloudwatch:alarm\", \"value\": \"arn:aws:cloudwatch:us-east-1:111122223333:alarm:orders-errors\"}"));
        String fisAcl = aclOf(subnet.id()).id();
        assertNotEquals(ownAcl, fisAcl);

        clock.advance(Duration.ofMinutes(1));
        alarms.setState(SCOPE, "orders-errors", AlarmState.ALARM, "errors", Optional.empty(), clock.instant());

        assertEquals("stopped", ok("GET", "/experiments/" + experiment, "").path("experiment").path("state").path("status").asText());
        assertEquals(ownAcl, aclOf(subnet.id()).id());
        assertTrue(state().find(ResourceTypes.NETWORK_ACL, fisAcl).isEmpty());
    }

    @Test
    void subnetsPickedByTagAndZoneLoseTrafficWithTheOtherZonesOnly() throws Exception {
        Subnet other = subnet("10.0.2.0/24", "us-east-1b");
        cloud.write(SCOPE, transaction -> {
            transaction.setTags(subnet.id(), "subnet", new java.util.TreeMap<>(Map.of("tier", "app")));
            transaction.setTags(other.id(), "subnet", new java.util.TreeMap<>(Map.of("tier", "app")));
            return null;
        });
        String template = """
                {"clientToken": "zone", "description": "zone a partitioned", "roleArn": "arn:aws:iam::111122223333:role/fis", "stopConditions": [{"source": "none"}],
                 "targets": {"app": {"resourceType": "aws:ec2:subnet", "resourceTags": {"tier": "app"}, "selectionMode": "ALL",
                                     "filters": [{"path": "AvailabilityZone", "values": ["us-east-1a"]}]}},
                 "actions": {"cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "app"},
                                     "parameters": {"scope": "availability-zone", "duration": "PT5M"}}}}
                """;

        start(template);

        assertEquals(ownAcl, aclOf(other.id()).id(), "the subnet in zone b is not a target");
        assertEquals(List.of("10.0.2.0/24"), aclOf(subnet.id()).entries().stream()
                .filter(entry -> !entry.egress() && entry.ruleAction().equals("deny") && !entry.isDefaultRule()).map(NetworkAclEntry::cidrBlock).toList());
    }

    @Test
    void aPrefixListOfMoreThanTenEntriesRefusesTheStartAndChangesNothing() throws Exception {
        cloud.write(SCOPE, transaction -> new PrefixListCommands(Quotas.awsDefaults(), new PrefixListLookup(AwsPrefixListCatalog.standard()))
                .create(transaction, new PrefixListCommands.CreateList("partners", "IPv4", 20,
                        IntStream.range(0, 11).mapToObj(i -> new PrefixListEntry("198.51." + i + ".0/24", null)).toList())));
        String templateId = ok("POST", "/experimentTemplates",
                template("pl", "{\"scope\": \"prefix-list\", \"prefixListIdentifier\": \"partners\", \"duration\": \"PT5M\"}"))
                .path("experimentTemplate").path("id").asText();

        ApiResponse refused = call("POST", "/experiments", "{\"clientToken\": \"start\", \"experimentTemplateId\": \"" + templateId + "\"}");

        assertEquals(400, refused.status(), refused.body());
        assertEquals("ValidationException", refused.errorCode());
        assertTrue(refused.body().contains("Action cut") && refused.body().contains("at most 10 entries"), refused.body());
        assertEquals(ownAcl, aclOf(subnet.id()).id());
        assertEquals(1, state().all(ResourceTypes.NETWORK_ACL).size());
        assertTrue(state().all(ResourceTypes.FIS_EXPERIMENT).isEmpty());
    }

    @Test
    void templatesAwsRefusesAreRefused() {
        Map<String, String> refusals = Map.of(
                "{\"scope\": \"everything\", \"duration\": \"PT5M\"}", "scope everything is invalid",
                "{\"scope\": \"vpc\", \"duration\": \"PT5M\"}", "scope vpc is not supported by Backlane",
                "{\"scope\": \"prefix-list\", \"duration\": \"PT5M\"}", "prefixListIdentifier is required",
                "{\"scope\": \"s3\", \"duration\": \"PT30S\"}", "must be from PT1M to PT12H",
                "{\"scope\": \"s3\", \"duration\": \"PT13H\"}", "must be from PT1M to PT12H",
                "{\"duration\": \"PT5M\"}", "required parameter scope is missing");
        refusals.forEach((parameters, message) -> {
            ApiResponse refused = call("POST", "/experimentTemplates", template("x", parameters));
            assertEquals("ValidationException", refused.errorCode(), parameters);
            assertTrue(refused.body().contains(message), refused.body());
        });
        ApiResponse instances = call("POST", "/experimentTemplates", template("x", "{\"scope\": \"all\", \"duration\": \"PT5M\"}")
                .replace("\"resourceType\": \"aws:ec2:subnet\"", "\"resourceType\": \"aws:ec2:instance\"")
                .replace(":subnet/" + subnet.id(), ":instance/i-0123456789abcdef0"));
        assertEquals("ValidationException", instances.errorCode());
        assertTrue(instances.body().contains("must have resource type aws:ec2:subnet"), instances.body());
        ApiResponse badArn = call("POST", "/experimentTemplates", template("x", "{\"scope\": \"all\", \"duration\": \"PT5M\"}")
                .replace(":subnet/" + subnet.id(), ":subnet/nope"));
        assertTrue(badArn.body().contains("is not the ARN of a resource of type aws:ec2:subnet"), badArn.body());
    }

    @Test
    void listActionsAndTargetTypesNameTheActionAndSubnets() throws Exception {
        List<String> actions = new java.util.ArrayList<>();
        ok("GET", "/actions", "").path("actions").forEach(action -> actions.add(action.path("id").asText()));
        List<String> types = new java.util.ArrayList<>();
        ok("GET", "/targetResourceTypes", "").path("targetResourceTypes").forEach(type -> types.add(type.path("resourceType").asText()));
        JsonNode action = ok("GET", "/actions/aws:network:disrupt-connectivity", "").path("action");

        assertTrue(actions.contains("aws:network:disrupt-connectivity"), actions.toString());
        assertTrue(types.contains("aws:ec2:subnet"), types.toString());
        assertEquals("aws:ec2:subnet", action.path("targets").path("Subnets").path("resourceType").asText());
        assertTrue(action.path("parameters").path("scope").path("required").asBoolean());
        assertFalse(action.path("parameters").path("prefixListIdentifier").path("required").asBoolean());
    }

    private ApiDispatcher dispatcher() {
        OperationRegistry registry = new OperationRegistry();
        fis.register(registry);
        return new ApiDispatcher(Map.of("fis", FIS), registry, cloud);
    }

    private String template(String token, String parameters) {
        return """
                {"clientToken": "%s", "description": "cut", "roleArn": "arn:aws:iam::111122223333:role/fis", "stopConditions": [{"source": "none"}],
                 "targets": {"app": {"resourceType": "aws:ec2:subnet", "resourceArns": ["arn:aws:ec2:us-east-1:111122223333:subnet/%s"],
                                     "selectionMode": "ALL"}},
                 "actions": {"cut": {"actionId": "aws:network:disrupt-connectivity", "targets": {"Subnets": "app"}, "parameters": %s}}}
                """.formatted(token, subnet.id(), parameters);
    }

    private String start(String template) throws Exception {
        String templateId = ok("POST", "/experimentTemplates", template).path("experimentTemplate").path("id").asText();
        return ok("POST", "/experiments", "{\"clientToken\": \"start\", \"experimentTemplateId\": \"" + templateId + "\"}").path("experiment").path("id")
                .asText();
    }

    private Subnet subnet(String cidr, String zone) {
        return cloud.write(SCOPE, transaction -> new SubnetCommands(Quotas.awsDefaults(), RegionCatalog.standard())
                .create(transaction, new SubnetCommands.CreateSubnet(vpc, cidr, null, zone, null)));
    }

    private ScopeState state() {
        return cloud.snapshot(SCOPE).scope(SCOPE);
    }

    private NetworkAcl aclOf(String subnetId) {
        return state().all(ResourceTypes.NETWORK_ACL).stream()
                .filter(acl -> acl.associations().stream().anyMatch(association -> association.subnetId().equals(subnetId))).findFirst().orElseThrow();
    }

    private ApiResponse call(String method, String path, String body) {
        return dispatcher.dispatchRest(FIS, SCOPE, method, path, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private ApiResponse call(String path, String body) {
        return call("POST", path, body);
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        ApiResponse response = call(method, path, body);
        assertEquals(200, response.status(), response.body());
        return JSON.readTree(response.body());
    }
}
