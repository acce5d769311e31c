package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Terraform applies {@code terraform/cross-account-zones/main.tf}: two aliased aws providers with the
 * access keys of two accounts, a provider's endpoint service in its "us-east-1a" and "us-east-1b", and a
 * consumer whose zone names map to other zone IDs placing its subnets by zone ID. Each account sees the
 * service's zones under its own names; the consumer's endpoint is in the same physical zones. Then a plan
 * shows no changes and destroy leaves nothing behind.
 */
class CrossAccountZonesTerraformIT extends TerraformStackSteps {
    CrossAccountZonesTerraformIT() {
        super("cross-account-zones");
    }

    /** The consumer connects in the service's zones under its own names. */
    @Override
    void checkApplied(Ec2Client ignored) {
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

        Ec2Client consumer = backlane.ec2("222222222222");
        var endpoint = consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(output("consumer_endpoint_id"))).vpcEndpoints().get(0);
        assertEquals("available", endpoint.stateAsString());
        List<String> interfaceZoneIds = consumer.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> consumerZones.get(eni.availabilityZone())).sorted().toList();
        assertEquals(sorted(outputList("provider_subnet_zone_ids")), interfaceZoneIds);
    }

    @Override
    void checkDestroyed(Ec2Client ignored) {
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

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
