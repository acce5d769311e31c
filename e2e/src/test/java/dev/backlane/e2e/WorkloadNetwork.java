package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DnsOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * A VPC of one test account for the gateway tests, built through the EC2 API as a user would: a public subnet with an
 * internet gateway and a NAT gateway, a private subnet whose default route goes to the NAT gateway, and an "app"
 * security group; plus the workloads placed in it through {@code /_backlane/workloads}.
 */
final class WorkloadNetwork {
    static final String S3 = "com.amazonaws.us-east-1.s3";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper JSON_MAPPER = JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BacklaneExtension.Account account;
    final Ec2Client ec2;
    final String cidr;
    final String vpc;
    final String zone;
    final String publicSubnet;
    final String privateSubnet;
    final String privateTable;
    final String natGateway;
    final String appGroup;

    private WorkloadNetwork(BacklaneExtension.Account account, String cidr, String vpc, String zone, String publicSubnet, String privateSubnet,
            String privateTable, String natGateway, String appGroup) {
        this.account = account;
        this.ec2 = account.ec2();
        this.cidr = cidr;
        this.vpc = vpc;
        this.zone = zone;
        this.publicSubnet = publicSubnet;
        this.privateSubnet = privateSubnet;
        this.privateTable = privateTable;
        this.natGateway = natGateway;
        this.appGroup = appGroup;
    }

    /** The network in a new account, in {@code 10.N.0.0/16}; waits for the NAT gateway to be available. */
    static WorkloadNetwork build(BacklaneExtension.Account account, int second) throws InterruptedException {
        Ec2Client ec2 = account.ec2();
        String cidr = "10." + second + ".0.0/16";
        String vpc = ec2.createVpc(request -> request.cidrBlock(cidr)).vpc().vpcId();
        ec2.modifyVpcAttribute(request -> request.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(true).build()));
        String zone = EndpointZones.offeredByAll(ec2, S3).get(0);
        String publicSubnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10." + second + ".0.0/24").availabilityZone(zone))
                .subnet().subnetId();
        String privateSubnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10." + second + ".1.0/24").availabilityZone(zone))
                .subnet().subnetId();
        String internetGateway = ec2.createInternetGateway(request -> { }).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(request -> request.internetGatewayId(internetGateway).vpcId(vpc));
        String publicTable = table(ec2, vpc, publicSubnet);
        ec2.createRoute(request -> request.routeTableId(publicTable).destinationCidrBlock("0.0.0.0/0").gatewayId(internetGateway));
        String allocation = ec2.allocateAddress(request -> request.domain("vpc")).allocationId();
        String nat = ec2.createNatGateway(request -> request.subnetId(publicSubnet).allocationId(allocation)).natGateway().natGatewayId();
        String privateTable = table(ec2, vpc, privateSubnet);
        String app = ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName("app").description("app")).groupId();
        // A NAT gateway is pending for its provisioning time (1 s by default) before it takes routes' traffic.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ec2.describeNatGateways(request -> request.natGatewayIds(nat)).natGateways().get(0).stateAsString().equals("available")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(nat + " did not become available");
            }
            Thread.sleep(100);
        }
        ec2.createRoute(request -> request.routeTableId(privateTable).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
        return new WorkloadNetwork(account, cidr, vpc, zone, publicSubnet, privateSubnet, privateTable, nat, app);
    }

    private static String table(Ec2Client ec2, String vpc, String subnet) {
        String table = ec2.createRouteTable(request -> request.vpcId(vpc)).routeTable().routeTableId();
        ec2.associateRouteTable(request -> request.routeTableId(table).subnetId(subnet));
        return table;
    }

    /** An S3 gateway endpoint on the private subnet's route table, with that policy. */
    String s3GatewayEndpoint(String policy) {
        return ec2.createVpcEndpoint(request -> request.vpcId(vpc).serviceName(S3).vpcEndpointType(VpcEndpointType.GATEWAY)
                .routeTableIds(privateTable).policyDocument(policy)).vpcEndpoint().vpcEndpointId();
    }

    /**
     * An S3 interface endpoint in the private subnet with private DNS for the whole VPC, behind a security group of its
     * own that admits HTTPS from the VPC; returns the endpoint and the group. Waits until it is available.
     */
    String[] s3InterfaceEndpoint() throws InterruptedException {
        String group = ec2.createSecurityGroup(request -> request.vpcId(vpc).groupName("s3-endpoint").description("s3 endpoint")).groupId();
        ec2.authorizeSecurityGroupIngress(request -> request.groupId(group).ipPermissions(https()));
        String endpoint = ec2.createVpcEndpoint(request -> request.vpcId(vpc).serviceName(S3).vpcEndpointType(VpcEndpointType.INTERFACE)
                .subnetIds(privateSubnet).securityGroupIds(group).privateDnsEnabled(true)
                .dnsOptions(DnsOptionsSpecification.builder().privateDnsOnlyForInboundResolverEndpoint(false).build())).vpcEndpoint().vpcEndpointId();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ec2.describeVpcEndpoints(request -> request.vpcEndpointIds(endpoint)).vpcEndpoints().get(0).stateAsString().equals("available")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(endpoint + " did not become available");
            }
            Thread.sleep(100);
        }
        return new String[] {endpoint, group};
    }

    /** HTTPS from the VPC's addresses. */
    IpPermission https() {
        return IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
    }

    /** Places an ad-hoc workload in the private subnet with the app group; its description as Backlane gives it. */
    JsonNode workload(BacklaneExtension backlane) {
        return workload(backlane.endpoint());
    }

    /** The same, on the Backlane at {@code endpoint}. */
    JsonNode workload(String endpoint) {
        return workload(endpoint, null);
    }

    /** The same, calling AWS as {@code principalArn} (an IAM role of the account), or as the account when null. */
    JsonNode workload(String endpoint, String principalArn) {
        ObjectNode request = JSON.createObjectNode().put("account", account.id()).put("region", "us-east-1").put("subnetId", privateSubnet);
        if (principalArn != null) {
            request.put("principalArn", principalArn);
        }
        request.putArray("securityGroupIds").add(appGroup);
        HttpResponse<String> response = admin(endpoint, "POST", "/_backlane/workloads", request.toString());
        assertEquals(201, response.statusCode(), response.body());
        return json(response.body());
    }

    static HttpResponse<String> admin(String endpoint, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The A records {@code dig} gets for the name from the workload's VPC's DNS listener. */
    static List<String> dig(JsonNode workload, String name) {
        ExternalProgram dig = ExternalProgram.find("dig").orElseThrow(() -> new IllegalStateException("dig is not installed"));
        ExternalProgram.Result result = dig.run(java.nio.file.Path.of("."), java.util.Map.of(), Duration.ofSeconds(20),
                List.of("@" + workload.path("dns").path("address").asText(), "-p", workload.path("dns").path("port").asText(), name, "+short",
                        "+tries=1", "+time=3"));
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout().lines().filter(line -> !line.isBlank()).sorted().toList();
    }
}
