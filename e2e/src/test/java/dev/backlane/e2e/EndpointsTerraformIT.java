package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * Terraform applies {@code terraform/endpoints/} to Backlane in one graph, so the provider's fixed waits (a minute
 * around each subnet association, a minute after each load balancer) overlap; a plan then shows no changes and destroy
 * leaves nothing behind in any of the three accounts. Its parts:
 * <ul>
 * <li>{@code endpoints.tf}: gateway endpoints for S3 and DynamoDB on two route tables, interface endpoints for EC2, STS
 * and SSM across two AZs with private DNS and their own security groups (SSM in one zone), an NLB-backed endpoint
 * service requiring acceptance with a consumer endpoint that accepts itself, and route table associations;
 * <li>{@code subnet-association.tf}: an SSM interface endpoint created without subnets gets one through
 * {@code aws_vpc_endpoint_subnet_association} (ModifyVpcEndpoint AddSubnetIds; RemoveSubnetIds on destroy), with its
 * network interface in that subnet;
 * <li>{@code cross-account-zones.tf}: two aliased aws providers with the access keys of two accounts, a provider's
 * endpoint service in its "us-east-1a" and "us-east-1b", and a consumer whose zone names map to other zone IDs placing
 * its subnets by zone ID. Each account sees the service's zones under its own names; the consumer's endpoint is in the
 * same physical zones.
 * </ul>
 */
class EndpointsTerraformIT extends TerraformStackSteps {
    private static final String PROVIDER_ACCOUNT = "111111111111";
    private static final String CONSUMER_ACCOUNT = "222222222222";

    EndpointsTerraformIT() {
        super("endpoints");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        assertAll(() -> endpointsApplied(ec2), () -> subnetAssociationApplied(ec2), this::crossAccountZonesApplied);
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertAll(() -> {
            nothingLeftIn(ec2, "the default account");
            assertTrue(ec2.describeVpcs().vpcs().get(0).isDefault());
            assertEquals(1, ec2.describeRouteTables().routeTables().size(), "only the default VPC's main route table");
        }, () -> nothingLeftIn(backlane.ec2(PROVIDER_ACCOUNT), PROVIDER_ACCOUNT), () -> nothingLeftIn(backlane.ec2(CONSUMER_ACCOUNT), CONSUMER_ACCOUNT));
    }

    private void endpointsApplied(Ec2Client ec2) {
        List<VpcEndpoint> endpoints = ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", output("endpoints_vpc_id")))).vpcEndpoints();
        assertEquals(6, endpoints.size(), endpoints.toString());
        VpcEndpoint consumer = endpoint(endpoints, output("consumer_endpoint_id"));
        assertEquals("available", consumer.stateAsString());
        assertEquals(2, consumer.networkInterfaceIds().size());
        VpcEndpoint ssm = endpoint(endpoints, output("ssm_endpoint_id"));
        assertEquals(List.of(output("ssm_subnet_id")), ssm.subnetIds(), "one zone: its one subnet");
        VpcEndpoint dynamodb = endpoint(endpoints, output("dynamodb_endpoint_id"));
        assertEquals(2, dynamodb.routeTableIds().size(), "route tables come from the associations");
        assertEquals("Available", ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(output("service_id")))
                .serviceConfigurations().get(0).serviceStateAsString());
        // The cross-account service's connection is its own account's (111111111111), not this one's.
        assertEquals(List.of(consumer.vpcEndpointId()), ec2.describeVpcEndpointConnections().vpcEndpointConnections().stream()
                .map(connection -> connection.vpcEndpointId()).toList());
    }

    private void subnetAssociationApplied(Ec2Client ec2) {
        VpcEndpoint ssm = ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(output("association_endpoint_id"))).vpcEndpoints().get(0);
        assertEquals("available", ssm.stateAsString());
        assertEquals(List.of(output("association_subnet_id")), ssm.subnetIds(), "the subnet comes from the association");
        assertEquals(List.of(output("association_subnet_id")), ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(ssm.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> eni.subnetId()).toList(), "its one network interface is in that subnet");
        assertEquals(1, ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", output("association_vpc_id")))).vpcEndpoints().size());
    }

    /** The consumer connects in the service's zones under its own names. */
    private void crossAccountZonesApplied() {
        Map<String, String> providerZones = outputMap("provider_zones");
        Map<String, String> consumerZones = outputMap("consumer_zones");
        assertNotEquals(providerZones.get("us-east-1a"), consumerZones.get("us-east-1a"), "the accounts' 'a' zones differ");

        assertEquals(List.of("us-east-1a", "us-east-1b"), outputList("provider_subnet_zones"));
        assertEquals(outputList("provider_subnet_zone_ids"), outputList("consumer_subnet_zone_ids"), "the same physical zones");
        assertNotEquals(outputList("provider_subnet_zones"), outputList("consumer_subnet_zones"), "under other names");
        for (int i = 0; i < 2; i++) {
            assertEquals(consumerZones.get(outputList("consumer_subnet_zones").get(i)), outputList("consumer_subnet_zone_ids").get(i));
        }

        assertEquals(List.of("us-east-1a", "us-east-1b"), sorted(outputList("service_zones_seen_by_provider")));
        assertEquals(sorted(outputList("consumer_subnet_zones")), sorted(outputList("service_zones_seen_by_consumer")),
                "the consumer sees the service in its own names for the provider's zones");

        Ec2Client consumer = backlane.ec2(CONSUMER_ACCOUNT);
        VpcEndpoint endpoint = consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(output("zones_consumer_endpoint_id"))).vpcEndpoints().get(0);
        assertEquals("available", endpoint.stateAsString());
        List<String> interfaceZoneIds = consumer.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> consumerZones.get(eni.availabilityZone())).sorted().toList();
        assertEquals(sorted(outputList("provider_subnet_zone_ids")), interfaceZoneIds);
    }

    /** No endpoint but deleted ones, no endpoint service, no network interface and only the default VPC in an account. */
    private static void nothingLeftIn(Ec2Client ec2, String account) {
        // Destroyed endpoints are still described as deleted for a while, as on AWS; none is anything else.
        assertEquals(List.of(), ec2.describeVpcEndpoints().vpcEndpoints().stream().map(VpcEndpoint::stateAsString)
                .filter(state -> !state.equals("deleted")).toList(), account);
        assertEquals(List.of(), ec2.describeVpcEndpointServiceConfigurations().serviceConfigurations(), account);
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces(), account);
        assertEquals(1, ec2.describeVpcs().vpcs().size(), account + ": only the default VPC");
    }

    private static VpcEndpoint endpoint(List<VpcEndpoint> endpoints, String id) {
        return endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not among " + endpoints));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
