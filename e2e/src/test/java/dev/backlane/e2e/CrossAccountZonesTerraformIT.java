package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Terraform applies {@code terraform/cross-account-zones/main.tf}: two aliased aws providers with the
 * access keys of two accounts, a provider's endpoint service in its "us-east-1a" and "us-east-1b", and a
 * consumer whose zone names map to other zone IDs placing its subnets by zone ID. Each account sees the
 * service's zones under its own names; the consumer's endpoint is in the same physical zones. Then a plan
 * shows no changes and destroy leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossAccountZonesTerraformIT {
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
        missing.ifPresent(reason -> System.out.println("CrossAccountZonesTerraformIT skipped: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), missing.orElse(""));
        workspace = TerraformWorkspace.create(directory, "cross-account-zones");
    }

    @Test
    @Order(1)
    void init() {
        workspace.init();
        initialized = true;
    }

    @Test
    @Order(2)
    void theConsumerConnectsInTheServicesZonesUnderItsOwnNames() throws IOException {
        Assumptions.assumeTrue(initialized, "init failed");
        applyAttempted = true;
        outputs = workspace.apply(backlane.endpoint());
        applied = true;

        Map<String, String> providerZones = map("provider_zones");
        Map<String, String> consumerZones = map("consumer_zones");
        assertNotEquals(providerZones.get("us-east-1a"), consumerZones.get("us-east-1a"), "the accounts' 'a' zones differ");

        assertEquals(List.of("us-east-1a", "us-east-1b"), list("provider_subnet_zones"));
        assertEquals(list("provider_subnet_zone_ids"), list("consumer_subnet_zone_ids"), "the same physical zones");
        assertNotEquals(list("provider_subnet_zones"), list("consumer_subnet_zones"), "under other names");
        for (int i = 0; i < 2; i++) {
            assertEquals(consumerZones.get(list("consumer_subnet_zones").get(i)), list("consumer_subnet_zone_ids").get(i));
        }

        assertEquals(List.of("us-east-1a", "us-east-1b"), sorted(list("service_zones_seen_by_provider")));
        assertEquals(sorted(list("consumer_subnet_zones")), sorted(list("service_zones_seen_by_consumer")),
                "the consumer sees the service in its own names for the provider's zones");

        Ec2Client consumer = backlane.ec2("222222222222");
        var endpoint = consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(output("consumer_endpoint_id"))).vpcEndpoints().get(0);
        assertEquals("available", endpoint.stateAsString());
        List<String> interfaceZoneIds = consumer.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> consumerZones.get(eni.availabilityZone())).sorted().toList();
        assertEquals(sorted(list("provider_subnet_zone_ids")), interfaceZoneIds);
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
        for (String account : List.of("111111111111", "222222222222")) {
            Ec2Client ec2 = backlane.ec2(account);
            // Destroyed endpoints are still described as deleted for a while, as on AWS; none is anything else.
            assertEquals(List.of(), ec2.describeVpcEndpoints().vpcEndpoints().stream().map(endpoint -> endpoint.stateAsString())
                    .filter(state -> !state.equals("deleted")).toList(), account);
            assertEquals(List.of(), ec2.describeVpcEndpointServiceConfigurations().serviceConfigurations(), account);
            assertEquals(List.of(), ec2.describeNetworkInterfaces().networkInterfaces(), account);
            assertEquals(1, ec2.describeVpcs().vpcs().size(), account + ": only the default VPC");
        }
    }

    private static String output(String name) {
        return outputs.path(name).path("value").asText();
    }

    private static List<String> list(String name) {
        List<String> values = new ArrayList<>();
        outputs.path(name).path("value").forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, String> map(String name) {
        Map<String, String> values = new TreeMap<>();
        outputs.path(name).path("value").fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
