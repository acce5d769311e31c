package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * {@code /_backlane/workloads}: placing workloads on an instance and ad hoc (a real network interface, seen through
 * EC2's DescribeNetworkInterfaces), listing, reading and deleting them, and EC2's errors for what the cloud refuses.
 */
class WorkloadAdminIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String PATH = "/_backlane/workloads";

    @Test
    void anAdHocWorkloadHasARealInterfaceAGatewayAndItsVpcsDnsListenerUntilDeleted() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        String vpc = ec2.createVpc(request -> request.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.20.1.0/24")).subnet().subnetId();
        String group = ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName("app").description("app")).groupId();

        JsonNode workload = created(post("{\"account\": \"" + account.id() + "\", \"subnetId\": \"" + subnet + "\", \"securityGroupIds\": [\""
                + group + "\"], \"privateIpAddress\": \"10.20.1.10\", \"principalArn\": \"arn:aws:iam::" + account.id() + ":role/app\"}"));
        String id = workload.path("workloadId").asText();
        assertTrue(id.matches("wl-[0-9a-f]{17}"), id);
        assertEquals("us-east-1", workload.path("region").asText(), "the server's default region");
        assertEquals(vpc, workload.path("vpcId").asText());
        assertEquals("10.20.1.10", workload.path("privateIpAddress").asText());
        assertEquals("arn:aws:iam::" + account.id() + ":role/app", workload.path("principalArn").asText());
        assertTrue(workload.path("adHoc").asBoolean());
        assertEquals("http://127.0.0.1:" + workload.path("gateway").path("port").asInt(), workload.path("endpointUrl").asText());
        assertEquals(backlane.server().dns().listeners().get(vpc).address().getPort(), workload.path("dns").path("port").asInt());

        NetworkInterface eni = ec2.describeNetworkInterfaces(request -> request.networkInterfaceIds(workload.path("networkInterfaceId").asText()))
                .networkInterfaces().get(0);
        assertEquals("Backlane workload " + id, eni.description());
        assertEquals(List.of(group), eni.groups().stream().map(g -> g.groupId()).toList());

        JsonNode listed = WorkloadNetwork.json(get(PATH).body());
        assertTrue(listed.path("workloads").findValuesAsText("workloadId").contains(id), listed.toString());
        assertEquals(workload, WorkloadNetwork.json(get(PATH + "/" + id).body()));

        HttpResponse<String> deleted = WorkloadNetwork.admin(backlane.endpoint(), "DELETE", PATH + "/" + id, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(404, get(PATH + "/" + id).statusCode());
        assertEquals(404, WorkloadNetwork.admin(backlane.endpoint(), "DELETE", PATH + "/" + id, null).statusCode());
        assertTrue(ec2.describeNetworkInterfaces(request -> request.filters(filter -> filter.name("vpc-id").values(vpc))).networkInterfaces().isEmpty(),
                "the ad-hoc interface went with its workload");
    }

    @Test
    void anInstancesWorkloadLeavesFromItsPrimaryInterfaceAndKeepsIt() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        var instance = ec2.runInstances(request -> request.imageId("ami-760aaa0f").minCount(1).maxCount(1)).instances().get(0);

        JsonNode workload = created(post("{\"account\": \"" + account.id() + "\", \"instanceId\": \"" + instance.instanceId() + "\"}"));
        assertEquals(instance.instanceId(), workload.path("instanceId").asText());
        assertEquals(instance.networkInterfaces().get(0).networkInterfaceId(), workload.path("networkInterfaceId").asText());
        assertEquals("arn:aws:iam::" + account.id() + ":root", workload.path("principalArn").asText());
        assertFalse(workload.path("adHoc").asBoolean());

        WorkloadNetwork.admin(backlane.endpoint(), "DELETE", PATH + "/" + workload.path("workloadId").asText(), null);
        assertEquals(1, ec2.describeNetworkInterfaces(request -> request.networkInterfaceIds(workload.path("networkInterfaceId").asText()))
                .networkInterfaces().size(), "the instance keeps its interface");
    }

    @Test
    void whatTheCloudRefusesIsAnsweredWithEc2sErrorAndPlacesNothing() {
        BacklaneExtension.Account account = backlane.newAccount();
        Ec2Client ec2 = account.ec2();
        String vpc = ec2.createVpc(request -> request.cidrBlock("10.21.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.21.1.0/24")).subnet().subnetId();
        String defaultVpcGroup = ec2.describeSecurityGroups(request -> request.filters(filter -> filter.name("group-name").values("default")))
                .securityGroups().stream().filter(g -> !g.vpcId().equals(vpc)).findFirst().orElseThrow().groupId();
        String prefix = "{\"account\": \"" + account.id() + "\", ";

        refused(prefix + "\"subnetId\": \"subnet-0123456789abcdef0\"}", "InvalidSubnetID.NotFound");
        refused(prefix + "\"subnetId\": \"" + subnet + "\", \"securityGroupIds\": [\"sg-0123456789abcdef0\"]}", "InvalidGroup.NotFound");
        JsonNode otherVpc = refused(prefix + "\"subnetId\": \"" + subnet + "\", \"securityGroupIds\": [\"" + defaultVpcGroup + "\"]}",
                "InvalidGroup.NotFound");
        assertTrue(otherVpc.path("error").asText().contains("belong to different networks"), otherVpc.toString());
        refused(prefix + "\"instanceId\": \"i-0123456789abcdef0\"}", "InvalidInstanceID.NotFound");
        refused(prefix + "\"instanceId\": \"i-0123456789abcdef0\", \"subnetId\": \"" + subnet + "\"}", "InvalidParameterCombination");
        refused(prefix + "\"securityGroupIds\": [\"sg-0123456789abcdef0\"]}", "MissingParameter");
        refused(prefix + "\"subnetId\": \"" + subnet + "\", \"principalArn\": \"app\"}", "InvalidParameterValue");
        refused("{\"account\": \"12\", \"subnetId\": \"" + subnet + "\"}", "InvalidParameterValue");
        refused("{\"region\": \"mars-north-1\", \"subnetId\": \"" + subnet + "\"}", "InvalidRegion.NotFound");
        refused("not json", "InvalidParameterValue");

        assertTrue(ec2.describeNetworkInterfaces(request -> request.filters(filter -> filter.name("vpc-id").values(vpc))).networkInterfaces().isEmpty());
    }

    private static HttpResponse<String> post(String body) {
        return WorkloadNetwork.admin(backlane.endpoint(), "POST", PATH, body);
    }

    private static HttpResponse<String> get(String path) {
        return WorkloadNetwork.admin(backlane.endpoint(), "GET", path, null);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    private static JsonNode refused(String body, String code) {
        HttpResponse<String> response = post(body);
        assertEquals(400, response.statusCode(), body + " -> " + response.body());
        JsonNode error = WorkloadNetwork.json(response.body());
        assertEquals(code, error.path("code").asText(), body + " -> " + response.body());
        assertTrue(error.path("error").asText().startsWith(code + ": "), response.body());
        return error;
    }
}
