package dev.backlane.e2e;

import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * Terraform applies {@code terraform/endpoints/main.tf} to Backlane: gateway endpoints for S3 and
 * DynamoDB on two route tables, interface endpoints for EC2, STS and SSM across two AZs with private DNS
 * and their own security groups, an NLB-backed endpoint service requiring acceptance with a consumer
 * endpoint that accepts itself, route table and subnet associations. Then a plan shows no changes and
 * destroy leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpcEndpointTerraformIT {
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
        missing.ifPresent(reason -> System.out.println("VpcEndpointTerraformIT skipped: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
        workspace = TerraformWorkspace.create(directory, "endpoints");
    }

    @Test
    @Order(1)
    void init() {
        workspace.init();
        initialized = true;
    }

    @Test
    @Order(2)
    void applyCreatesEndpointsAndTheAcceptedService() throws IOException {
        Assumptions.assumeTrue(initialized, "init failed");
        applyAttempted = true;
        outputs = workspace.apply(backlane.endpoint());
        applied = true;

        Ec2Client ec2 = backlane.ec2();
        List<VpcEndpoint> endpoints = ec2.describeVpcEndpoints(r -> r.filters(filter("vpc-id", output("vpc_id")))).vpcEndpoints();
        assertEquals(6, endpoints.size(), endpoints.toString());
        VpcEndpoint consumer = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("consumer_endpoint_id"))).findFirst()
                .orElseThrow();
        assertEquals("available", consumer.stateAsString());
        assertEquals(2, consumer.networkInterfaceIds().size());
        VpcEndpoint ssm = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("ssm_endpoint_id"))).findFirst().orElseThrow();
        assertEquals(2, ssm.subnetIds().size(), "subnets come from the associations");
        VpcEndpoint dynamodb = endpoints.stream().filter(endpoint -> endpoint.vpcEndpointId().equals(output("dynamodb_endpoint_id"))).findFirst()
                .orElseThrow();
        assertEquals(2, dynamodb.routeTableIds().size(), "route tables come from the associations");
        assertEquals("Available", ec2.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(output("service_id")))
                .serviceConfigurations().get(0).serviceStateAsString());
        assertEquals(List.of(consumer.vpcEndpointId()), ec2.describeVpcEndpointConnections().vpcEndpointConnections().stream()
                .map(connection -> connection.vpcEndpointId()).toList());
    }

    @Test
    @Order(3)
    void planAfterApplyHasNoChanges() {
        Assumptions.assumeTrue(applied, "apply failed");
        workspace.assertPlanHasNoChanges(backlane.endpoint());
    }

    @Test
    @Order(4)
    void destroyRemovesTheStack() {
        Assumptions.assumeTrue(applyAttempted, "apply never ran");
        workspace.destroy(backlane.endpoint());
        destroyed = true;
    }

    @Test
    @Order(5)
    void nothingIsLeft() {
        Assumptions.assumeTrue(destroyed, "destroy failed");
        Ec2Client ec2 = backlane.ec2();
        // Destroyed endpoints are still described as deleted for a while, as on AWS; none is anything else.
        assertEquals(List.of(), ec2.describeVpcEndpoints().vpcEndpoints().stream().map(VpcEndpoint::stateAsString)
                .filter(state -> !state.equals("deleted")).toList());
        assertEquals(List.of(), ec2.describeVpcEndpointServiceConfigurations().serviceConfigurations());
        assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces());
        assertEquals(1, ec2.describeVpcs().vpcs().size(), "only the default VPC");
        assertTrue(ec2.describeVpcs().vpcs().get(0).isDefault());
        assertEquals(1, ec2.describeRouteTables().routeTables().size(), "only the default VPC's main route table");
    }

    private static String output(String name) {
        return outputs.path(name).path("value").asText();
    }

}
