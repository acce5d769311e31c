package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.e2e.BacklaneCli.Result;
import dev.backlane.core.event.DnsQueryEvent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * A VPC built through the EC2 API with an STS interface endpoint (private DNS on) in two zones, asked
 * through {@code dig} (UDP and TCP) at the VPC's DNS listener and through {@code backlane dns}; the
 * queries show on the event stream as Route 53 Resolver query-log records.
 */
class DnsIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STS_NAME = "sts.us-east-1.amazonaws.com";

    private static Ec2Client ec2;
    private static String vpc;
    private static List<String> endpointAddresses;

    @BeforeAll
    static void topology() {
        ec2 = backlane.newAccount().ec2();
        vpc = ec2.createVpc(request -> request.cidrBlock("10.40.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(request -> request.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        List<String> zones = EndpointZones.offeredByAll(ec2, "com.amazonaws.us-east-1.sts");
        String subnetA = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.40.1.0/24").availabilityZone(zones.get(0))).subnet().subnetId();
        String subnetB = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.40.2.0/24").availabilityZone(zones.get(1))).subnet().subnetId();
        String endpoint = ec2.createVpcEndpoint(request -> request.vpcId(vpc).serviceName("com.amazonaws.us-east-1.sts")
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(subnetA, subnetB).privateDnsEnabled(true)).vpcEndpoint().vpcEndpointId();
        List<String> interfaces = ec2.describeVpcEndpoints(request -> request.vpcEndpointIds(endpoint)).vpcEndpoints().get(0).networkInterfaceIds();
        endpointAddresses = ec2.describeNetworkInterfaces(request -> request.networkInterfaceIds(interfaces)).networkInterfaces().stream().map(eni -> eni.privateIpAddress()).sorted().toList();
        assertEquals(2, endpointAddresses.size());
    }

    @Test
    void digGetsTheEndpointsAddressesOverUdpAndTcpAndTheQueriesAreLogged() throws Exception {
        List<DnsQueryEvent> logged = new CopyOnWriteArrayList<>();
        backlane.server().events().subscribe(DnsQueryEvent.class, logged::add);
        int port = listen();
        ExternalProgram dig = dig();
        assertEquals(endpointAddresses, lines(dig, "@127.0.0.1", "-p", Integer.toString(port), STS_NAME, "+short"));
        assertEquals(endpointAddresses, lines(dig, "@127.0.0.1", "-p", Integer.toString(port), STS_NAME, "+short", "+tcp"));
        ExternalProgram.Result nx = dig.run(Path.of("."), Map.of(), Duration.ofSeconds(20),
                List.of("@127.0.0.1", "-p", Integer.toString(port), "example.com", "+tries=1", "+time=3"));
        assertTrue(nx.stdout().contains("status: NXDOMAIN"), nx.stdout());
        assertEquals(3, logged.size());
        JsonNode record = JSON.readTree(logged.get(0).toJson());
        assertEquals(vpc, record.get("vpc_id").asText());
        assertEquals(STS_NAME + ".", record.get("query_name").asText());
        assertEquals("NOERROR", record.get("rcode").asText());
        assertEquals(2, record.get("answers").size());
        assertEquals("TCP", logged.get(1).transport());
        assertEquals("NXDOMAIN", logged.get(2).rcode());
    }

    @Test
    void theListenerSurvivesAMalformedPacket() throws Exception {
        int port = listen();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 63, 'x'};
            socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            assertEquals(0x1234, ((reply.getData()[0] & 0xFF) << 8) | (reply.getData()[1] & 0xFF));
            assertEquals(1, reply.getData()[3] & 0x0F, "FORMERR");
        }
        assertEquals(endpointAddresses, lines(dig(), "@127.0.0.1", "-p", Integer.toString(port), STS_NAME, "+short"));
    }

    @Test
    void backlaneDnsAnswersAsTheListenerDoes() throws Exception {
        Result found = run("dns", "--vpc", vpc, STS_NAME, "--endpoint-url", backlane.endpoint(), "--json");
        assertEquals(0, found.exitCode(), found.err());
        JsonNode answer = JSON.readTree(found.out());
        assertEquals("NOERROR", answer.get("rcode").asText());
        assertEquals(60, answer.get("answers").get(0).get("ttl").asInt());
        assertTrue(answer.get("answeredBy").asText().startsWith("private DNS name of vpce-"), answer.toString());
        Result text = run("dns", "--vpc", vpc, STS_NAME, "--endpoint-url", backlane.endpoint());
        assertTrue(text.out().contains(STS_NAME + ".\t60\tIN\tA\t" + endpointAddresses.get(0)), text.out());
        Result nx = run("dns", "--vpc", vpc, "example.com", "--endpoint-url", backlane.endpoint());
        assertEquals(1, nx.exitCode());
        assertTrue(nx.out().contains(";; NXDOMAIN"), nx.out());
        Result noVpc = run("dns", "--vpc", "vpc-0000000000000000f", STS_NAME, "--endpoint-url", backlane.endpoint());
        assertEquals(1, noVpc.exitCode());
        assertTrue(noVpc.err().contains("does not exist"), noVpc.err());
        Result badType = run("dns", "--vpc", vpc, STS_NAME, "--type", "BOGUS", "--endpoint-url", backlane.endpoint());
        assertEquals(1, badType.exitCode());
        assertTrue(badType.err().contains("type"), badType.err());
        assertEquals(2, run("dns", "--vpc", vpc, "--endpoint-url", backlane.endpoint()).exitCode());
        Result listen = run("dns", "--vpc", vpc, "--listen", "--endpoint-url", backlane.endpoint());
        assertEquals(0, listen.exitCode(), listen.err());
        assertTrue(listen.out().startsWith(vpc + " 127.0.0.1 " + listen()), listen.out());
    }

    private static int listen() throws Exception {
        Result result = run("dns", "--vpc", vpc, "--listen", "--json", "--endpoint-url", backlane.endpoint());
        assertEquals(0, result.exitCode(), result.err());
        int port = JSON.readTree(result.out()).get("port").asInt();
        assertTrue(port > 0);
        return port;
    }

    private static ExternalProgram dig() {
        return ExternalProgram.find("dig").orElseThrow(() -> new AssertionError("dig is not installed (Debian: apt-get install dnsutils)"));
    }

    private static List<String> lines(ExternalProgram dig, String... arguments) {
        ExternalProgram.Result result = dig.run(Path.of("."), Map.of(), Duration.ofSeconds(20), List.of(arguments));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        List<String> lines = result.stdout().lines().map(String::trim).filter(line -> !line.isEmpty()).sorted().toList();
        assertFalse(lines.isEmpty(), result.stdout());
        return lines;
    }

    private static Result run(String... arguments) {
        return BacklaneCli.run(arguments);
    }
}
