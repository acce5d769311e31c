package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * Terraform applies {@code terraform/endpoints/main.tf} to Backlane: gateway endpoints for S3 and
 * DynamoDB on two route tables, interface endpoints for EC2, STS and SSM across two AZs with private DNS
 * and their own security groups (SSM in one zone), an NLB-backed endpoint service requiring acceptance with a
 * consumer endpoint that accepts itself, and route table associations. Then a plan shows no changes and destroy leaves
 * nothing behind. The subnet association is {@link VpcEndpointSubnetAssociationTerraformIT}'s.
 */
class VpcEndpointTerraformIT extends TerraformStackSteps {
    VpcEndpointTerraformIT() {
        super("endpoints");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        List<VpcEndpoint> endpoints = ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", output("vpc_id")))).vpcEndpoints();
        assertEquals(6, endpoints.size(), endpoints.toString());
        VpcEndpoint consumer = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("consumer_endpoint_id"))).findFirst()
                .orElseThrow();
        assertEquals("available", consumer.stateAsString());
        assertEquals(2, consumer.networkInterfaceIds().size());
        VpcEndpoint ssm = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("ssm_endpoint_id"))).findFirst().orElseThrow();
        assertEquals(List.of(output("ssm_subnet_id")), ssm.subnetIds(), "one zone: its one subnet");
        VpcEndpoint dynamodb = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("dynamodb_endpoint_id"))).findFirst()
                .orElseThrow();
        assertEquals(2, dynamodb.routeTableIds().size(), "route tables come from the associations");
        assertEquals("Available", ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(output("service_id")))
                .serviceConfigurations().get(0).serviceStateAsString());
        assertEquals(List.of(consumer.vpcEndpointId()), ec2.describeVpcEndpointConnections().vpcEndpointConnections().stream()
                .map(connection -> connection.vpcEndpointId()).toList());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        // Destroyed endpoints are still described as deleted for a while, as on AWS; none is anything else.
        assertEquals(List.of(), ec2.describeVpcEndpoints().vpcEndpoints().stream().map(VpcEndpoint::stateAsString)
                .filter(state -> !state.equals("deleted")).toList());
        assertEquals(List.of(), ec2.describeVpcEndpointServiceConfigurations().serviceConfigurations());
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
        assertTrue(ec2.describeVpcs().vpcs().get(0).isDefault());
        assertEquals(1, ec2.describeRouteTables().routeTables().size(), "only the default VPC's main route table");
    }
}
