package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * Terraform applies {@code terraform/endpoint-subnet-association/main.tf} to Backlane: an SSM interface endpoint
 * created without subnets gets one through {@code aws_vpc_endpoint_subnet_association} (ModifyVpcEndpoint
 * AddSubnetIds), with its network interface in that subnet. Then a plan shows no changes and destroy (RemoveSubnetIds,
 * then the endpoint) leaves nothing behind. A class of its own: the provider's fixed minute before each association's
 * ModifyVpcEndpoint runs beside the other classes instead of inside the endpoints stack's.
 */
class VpcEndpointSubnetAssociationTerraformIT extends TerraformStackSteps {
    VpcEndpointSubnetAssociationTerraformIT() {
        super("endpoint-subnet-association");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        VpcEndpoint ssm = ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(output("ssm_endpoint_id"))).vpcEndpoints().get(0);
        assertEquals("available", ssm.stateAsString());
        assertEquals(List.of(output("ssm_subnet_id")), ssm.subnetIds(), "the subnet comes from the association");
        assertEquals(List.of(output("ssm_subnet_id")), ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(ssm.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> eni.subnetId()).toList(), "its one network interface is in that subnet");
        assertEquals(1, ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", output("vpc_id")))).vpcEndpoints().size());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        // The destroyed endpoint is still described as deleted for a while, as on AWS; none is anything else.
        assertEquals(List.of(), ec2.describeVpcEndpoints().vpcEndpoints().stream().map(VpcEndpoint::stateAsString)
                .filter(state -> !state.equals("deleted")).toList());
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
    }
}
