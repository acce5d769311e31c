package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Terraform applies {@code terraform/instances/main.tf} to Backlane: an AMI found by a data source, and
 * two {@code aws_instance}s (a burstable one with a public address, instance profile, user data and
 * tags; another with a fixed private address) in a VPC of their own. A plan then shows no changes, and
 * destroy terminates both and removes the VPC while the terminated instances are still shown.
 */
class InstanceTerraformIT extends TerraformStackSteps {
    InstanceTerraformIT() {
        super("instances");
    }

    @Override
    void checkApplied(Ec2Client ec2) {
        Instance web = instance(ec2, output("web_id"));
        assertEquals(InstanceStateName.RUNNING, web.state().name());
        assertEquals("t3.micro", web.instanceTypeAsString());
        assertEquals(output("web_public_ip"), web.publicIpAddress());
        assertEquals("arn:aws:iam::000000000000:instance-profile/web-profile", web.iamInstanceProfile().arn());
        assertEquals("web", web.tags().stream().filter(tag -> tag.key().equals("Name")).findFirst().orElseThrow().value());
        Instance worker = instance(ec2, output("worker_id"));
        assertEquals("10.60.1.50", worker.privateIpAddress());
        assertEquals(output("vpc_id"), worker.vpcId());
        assertEquals(2, ec2.describeNetworkInterfaces(r -> r.filters(filter("vpc-id", output("vpc_id")))).networkInterfaces().size());
    }

    @Override
    void checkDestroyed(Ec2Client ec2) {
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
        List<Instance> instances = ec2.describeInstances().reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
        assertEquals(2, instances.size(), "terminated instances stay visible for a while");
        assertTrue(instances.stream().allMatch(instance -> instance.state().name() == InstanceStateName.TERMINATED), instances.toString());
    }

    private static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }
}
