package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code /_backlane/targets} as a program started outside Backlane uses it: an instance's or a VPC address's port
 * mapped to a loopback socket, found by the server's {@code TargetSockets}, listed, removed; and what EC2 would refuse
 * refused with its code.
 */
class TargetSocketIT {
    private static final String AMAZON_LINUX = "ami-760aaa0f";

    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static BacklaneExtension.Account account;
    private static String vpc;
    private static String instance;
    private static String instanceAddress;

    @BeforeAll
    static void network() {
        account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        vpc = ec2.createVpc(request -> request.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.40.1.0/24")).subnet().subnetId();
        var launched = ec2.runInstances(request -> request.imageId(AMAZON_LINUX).subnetId(subnet).minCount(1).maxCount(1)).instances().get(0);
        instance = launched.instanceId();
        instanceAddress = launched.privateIpAddress();
    }

    @Test
    void anInstancesPortIsMappedToALoopbackSocketUntilTheMappingIsRemoved() {
        JsonNode mapping = created(post("{\"account\": \"%s\", \"instanceId\": \"%s\", \"port\": 8080, \"hostPort\": 41001}".formatted(account.id(),
                instance)));

        assertTrue(mapping.path("targetSocketId").asText().matches("tsock-[0-9a-f]{17}"), mapping.toString());
        assertEquals(vpc, mapping.path("vpcId").asText());
        assertEquals(instance, mapping.path("instanceId").asText());
        assertEquals(instanceAddress, mapping.path("address").asText());
        assertEquals(8080, mapping.path("port").asInt());
        assertEquals("127.0.0.1", mapping.path("socket").path("address").asText());
        assertEquals(41001, mapping.path("socket").path("port").asInt());
        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 41001)), socketOf(instanceAddress, 8080));
        assertEquals(Optional.empty(), socketOf(instanceAddress, 8081), "another port of the instance has no process");
        String id = mapping.path("targetSocketId").asText();
        JsonNode listed = WorkloadNetwork.json(admin("GET", "", null).body());
        assertTrue(listed.path("targets").toString().contains(id), listed.toString());

        assertEquals(200, admin("DELETE", "/" + id, null).statusCode());
        assertEquals(Optional.empty(), socketOf(instanceAddress, 8080));
        assertEquals(404, admin("DELETE", "/" + id, null).statusCode());
        assertEquals(404, admin("GET", "/" + id, null).statusCode());
    }

    @Test
    void anAddressOfTheVpcTakesOneSocketAtATime() {
        String body = "{\"account\": \"%s\", \"vpcId\": \"%s\", \"address\": \"10.40.9.9\", \"port\": 443, \"hostPort\": 41002, \"host\": \"::1\"}"
                .formatted(account.id(), vpc);
        JsonNode mapping = created(post(body));
        assertEquals("0:0:0:0:0:0:0:1", mapping.path("socket").path("address").asText());
        assertTrue(socketOf("10.40.9.9", 443).isPresent());

        HttpResponse<String> again = post(body);
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(again.body().contains("InvalidParameterValue") && again.body().contains(mapping.path("targetSocketId").asText()), again.body());
        admin("DELETE", "/" + mapping.path("targetSocketId").asText(), null);
    }

    @Test
    void whatEc2WouldRefuseIsA400WithItsCode() {
        String scope = "\"account\": \"" + account.id() + "\", ";
        refused("InvalidInstanceID.NotFound", "{" + scope + "\"instanceId\": \"i-0123456789abcdef0\", \"port\": 80, \"hostPort\": 41003}");
        refused("InvalidVpcID.NotFound", "{" + scope + "\"vpcId\": \"vpc-0123456789abcdef0\", \"address\": \"10.40.1.9\", \"port\": 80, \"hostPort\": 41003}");
        refused("InvalidParameterValue", "{" + scope + "\"vpcId\": \"" + vpc + "\", \"address\": \"10.41.1.9\", \"port\": 80, \"hostPort\": 41003}");
        refused("InvalidParameterValue", "{" + scope + "\"instanceId\": \"" + instance + "\", \"port\": 0, \"hostPort\": 41003}");
        refused("InvalidParameterValue", "{" + scope + "\"instanceId\": \"" + instance + "\", \"port\": 80, \"hostPort\": 70000}");
        refused("InvalidParameterValue", "{" + scope + "\"instanceId\": \"" + instance + "\", \"port\": \"eighty\", \"hostPort\": 41003}");
        refused("InvalidParameterValue", "{" + scope + "\"instanceId\": \"" + instance + "\", \"port\": 80, \"hostPort\": 41003, \"host\": \"10.0.0.1\"}");
        refused("MissingParameter", "{" + scope + "\"instanceId\": \"" + instance + "\", \"port\": 80}");
        refused("InvalidParameterCombination", "{" + scope + "\"instanceId\": \"" + instance + "\", \"vpcId\": \"" + vpc
                + "\", \"port\": 80, \"hostPort\": 41003}");
        refused("InvalidParameterValue", "not json");
        assertFalse(WorkloadNetwork.json(admin("GET", "", null).body()).path("targets").toString().contains("41003"), "nothing refused was mapped");
    }

    private static void refused(String code, String body) {
        HttpResponse<String> response = post(body);
        assertEquals(400, response.statusCode(), body + " -> " + response.body());
        assertEquals(code, WorkloadNetwork.json(response.body()).path("code").asText(), body + " -> " + response.body());
    }

    private static Optional<InetSocketAddress> socketOf(String address, int port) {
        return backlane.server().targetSockets().socketOf(new dev.backlane.core.model.Scope(account.id(), "us-east-1"), vpc, address, port);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static HttpResponse<String> post(String body) {
        return admin("POST", "", body);
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return WorkloadNetwork.admin(backlane.endpoint(), method, "/_backlane/targets" + path, body);
    }
}
