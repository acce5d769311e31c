package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.cli.BacklaneCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * The README's first example on a live server: launch an instance with RunInstances, then
 * {@code backlane explain --from i-… --to com.amazonaws.us-east-1.s3:443} through the CLI.
 */
class InstancePathsIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final String AMAZON_LINUX = "ami-760aaa0f";

    @Test
    void instanceBehindAnS3GatewayEndpointReachesS3Privately() throws Exception {
        Ec2Client ec2 = backlane.ec2();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.40.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String table = ec2.createRouteTable(r -> r.vpcId(vpc)).routeTable().routeTableId();
        ec2.associateRouteTable(r -> r.routeTableId(table).subnetId(subnet));
        String endpoint = ec2.createVpcEndpoint(r -> r.vpcId(vpc).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY).routeTableIds(table))
                .vpcEndpoint().vpcEndpointId();
        String instance = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).instanceType("t3.micro").subnetId(subnet).minCount(1).maxCount(1))
                .instances().get(0).instanceId();

        JsonNode path = explain("--from", instance, "--to", S3 + ":443");
        assertEquals("PRIVATE", path.get("verdict").asText(), path.toString());
        assertEquals(endpoint, path.get("via").asText());
    }

    @Test
    void instanceInTheDefaultVpcReachesS3ThroughTheInternetGateway() throws Exception {
        Ec2Client ec2 = backlane.newAccount().ec2();
        String instance = ec2.runInstances(r -> r.imageId(AMAZON_LINUX).minCount(1).maxCount(1)).instances().get(0).instanceId();
        String gateway = ec2.describeInternetGateways().internetGateways().get(0).internetGatewayId();

        JsonNode path = explain("--from", instance, "--to", S3 + ":443", "--endpoint-url", backlane.endpoint());
        assertEquals("PUBLIC", path.get("verdict").asText(), path.toString());
        assertEquals(gateway, path.get("via").asText());
    }

    private static JsonNode explain(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("explain"));
        all.addAll(List.of(arguments));
        if (!all.contains("--endpoint-url")) {
            all.addAll(List.of("--endpoint-url", backlane.endpoint()));
        }
        all.add("--json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = BacklaneCommand.newCommandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(all.toArray(String[]::new));
        assertEquals(0, exit, err.toString());
        return JSON.readTree(out.toString());
    }
}
