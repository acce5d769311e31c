package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.AwsAssertions.awaitEquals;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.world.Transition;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * The states AWS shows over time, through the SDK for Java v2: an interface endpoint is pending, then
 * available; deleted, it is deleting, then deleted, and described until its retention ends; its
 * interfaces are in use while it lives. A server with instant transitions never makes a client wait.
 */
class LifecycleSdkIT {
    /** Short retention, so a test sees a deleted endpoint disappear. */
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension(ServerConfig.forTests()
            .withTransitions(TransitionTimes.standard().with(Transition.VPC_ENDPOINT_RETENTION, Duration.ofSeconds(3))));

    @RegisterExtension
    static final BacklaneExtension instant = new BacklaneExtension(ServerConfig.forTests().withTransitions(TransitionTimes.instant()));

    private static final String EC2_SERVICE = "com.amazonaws.us-east-1.ec2";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private record Network(String vpcId, String subnetId, String groupId) {}

    private static Network network(Ec2Client ec2) {
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(v -> v.value(true)));
        String zone = EndpointZones.offeredByAll(ec2, EC2_SERVICE).get(0);
        String subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).availabilityZone(zone).cidrBlock("10.30.1.0/24")).subnet().subnetId();
        String groupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("endpoint").description("endpoint")).groupId();
        return new Network(vpcId, subnetId, groupId);
    }

    private static String state(Ec2Client ec2, String endpointId) {
        return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).stateAsString();
    }

    @Test
    void interfaceEndpointIsPendingThenAvailableThenDeletingThenDeletedThenGone() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2);
        VpcEndpoint created = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(EC2_SERVICE)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetId()).securityGroupIds(network.groupId())).vpcEndpoint();
        assertEquals("pending", created.stateAsString(), "AWS writes endpoint states in lower case");
        String id = created.vpcEndpointId();
        awaitEquals("available", () -> state(ec2, id), PATIENCE);

        NetworkInterface eni = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(created.networkInterfaceIds())).networkInterfaces().get(0);
        assertEquals(NetworkInterfaceStatus.IN_USE, eni.status(), "AWS shows an endpoint's interface in use");
        assertEquals("amazon-aws", eni.attachment().instanceOwnerId());
        assertEquals(1, eni.attachment().deviceIndex());
        assertEquals(null, eni.attachment().attachTime());

        assertEquals(List.of(), ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(id)).unsuccessful());
        assertEquals("deleting", state(ec2, id));
        assertAwsError("InvalidNetworkInterfaceID.NotFound", () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni.networkInterfaceId())));
        ec2.deleteSecurityGroup(r -> r.groupId(network.groupId()));
        ec2.deleteSubnet(r -> r.subnetId(network.subnetId()));
        awaitEquals("deleted", () -> state(ec2, id), PATIENCE);
        assertEquals(List.of(id), ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-endpoint-state", "deleted"))).vpcEndpoints().stream()
                .map(VpcEndpoint::vpcEndpointId).toList());
        awaitEquals("gone", () -> ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", network.vpcId()))).vpcEndpoints().isEmpty()
                ? "gone" : "described", PATIENCE);
        assertAwsError("InvalidVpcEndpointId.NotFound", () -> ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(id)));
        ec2.deleteVpc(r -> r.vpcId(network.vpcId()));
    }

    @Test
    void gatewayEndpointIsAvailableInTheCreateAnswer() {
        Ec2Client ec2 = backlane.newAccount().ec2();
        Network network = network(ec2);
        VpcEndpoint created = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName("com.amazonaws.us-east-1.s3")
                .vpcEndpointType(VpcEndpointType.GATEWAY)).vpcEndpoint();
        assertEquals("available", created.stateAsString());
    }

    @Test
    void instantTransitionsNeverMakeAClientWait() {
        Ec2Client ec2 = instant.newAccount().ec2();
        Network network = network(ec2);
        VpcEndpoint created = ec2.createVpcEndpoint(r -> r.vpcId(network.vpcId()).serviceName(EC2_SERVICE)
                .vpcEndpointType(VpcEndpointType.INTERFACE).subnetIds(network.subnetId())).vpcEndpoint();
        assertEquals("available", created.stateAsString());
        ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(created.vpcEndpointId()));
        assertEquals("deleted", state(ec2, created.vpcEndpointId()), "deleted at once, and still described");

        String igw = ec2.createInternetGateway(r -> {}).internetGateway().internetGatewayId();
        ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(network.vpcId()));
        String allocation = ec2.allocateAddress(r -> {}).allocationId();
        String nat = ec2.createNatGateway(r -> r.subnetId(network.subnetId()).allocationId(allocation)).natGateway().natGatewayId();
        assertEquals(NatGatewayState.AVAILABLE, ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).state());
        ec2.deleteNatGateway(r -> r.natGatewayId(nat));
        assertEquals(NatGatewayState.DELETED, ec2.describeNatGateways(r -> r.natGatewayIds(nat)).natGateways().get(0).state());
    }

    @Test
    void endpointServicesAreSortedByNameFilteredOrNot() {
        Ec2Client ec2 = backlane.ec2();
        List<String> all = ec2.describeVpcEndpointServices(r -> {}).serviceNames();
        assertTrue(all.size() > 40, all.toString());
        assertEquals(all.stream().sorted().toList(), all);
        List<String> details = ec2.describeVpcEndpointServices(r -> {}).serviceDetails().stream().map(ServiceDetail::serviceName).toList();
        assertEquals(details.stream().sorted().toList(), details);
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.sts"),
                ec2.describeVpcEndpointServices(r -> r.serviceNames("com.amazonaws.us-east-1.sts", "com.amazonaws.us-east-1.s3",
                        "com.amazonaws.us-east-1.dynamodb")).serviceNames());
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"),
                ec2.describeVpcEndpointServices(r -> r.filters(filter("service-type", "Gateway"))).serviceNames());
    }
}
