package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Terraform applies {@code terraform/instances/main.tf} to Backlane: an AMI found by a data source, and
 * two {@code aws_instance}s (a burstable one with a public address, instance profile, user data and
 * tags; another with a fixed private address) in a VPC of their own. A plan then shows no changes, and
 * destroy terminates both and removes the VPC while the terminated instances are still shown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstanceTerraformIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @TempDir
    static Path directory;

    private static TerraformWorkspace workspace;
    private static boolean initialized;
    private static boolean applyAttempted;
    private static boolean applied;
    private static boolean destroyed;
    private static JsonNode outputs;

    @BeforeAll
    static void prepare() throws IOException {
        Optional<String> missing = TerraformWorkspace.missing();
        missing.ifPresent(reason -> System.out.println("InstanceTerraformIT skipped: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
        workspace = TerraformWorkspace.create(directory, "instances");
    }

    @Test
    @Order(1)
    void init() {
        workspace.init();
        initialized = true;
    }

    @Test
    @Order(2)
    void applyLaunchesBothInstancesRunning() throws IOException {
        Assumptions.assumeTrue(initialized, "init failed");
        applyAttempted = true;
        outputs = workspace.apply(backlane.endpoint());
        applied = true;

        Ec2Client ec2 = backlane.ec2();
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

    @Test
    @Order(3)
    void planAfterApplyHasNoChanges() {
        Assumptions.assumeTrue(applied, "apply failed");
        workspace.assertPlanHasNoChanges(backlane.endpoint());
    }

    @Test
    @Order(4)
    void destroyTerminatesTheInstances() {
        Assumptions.assumeTrue(applyAttempted, "apply never ran");
        workspace.destroy(backlane.endpoint());
        destroyed = true;
    }

    @Test
    @Order(5)
    void nothingIsLeftButTheTerminatedInstances() {
        Assumptions.assumeTrue(destroyed, "destroy failed");
        Ec2Client ec2 = backlane.ec2();
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
        List<Instance> instances = ec2.describeInstances().reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
        assertEquals(2, instances.size(), "terminated instances stay visible for a while");
        assertTrue(instances.stream().allMatch(instance -> instance.state().name() == InstanceStateName.TERMINATED), instances.toString());
    }

    private static Instance instance(Ec2Client ec2, String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static String output(String name) {
        return outputs.path(name).path("value").asText();
    }
}
