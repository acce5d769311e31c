package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.CONSUMER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.HopType;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.world.Cloud;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-account PrivateLink trap: the provider's "us-east-1a" is not the consumer's. Zones of an
 * endpoint service are physical zones (zone IDs); each account sees and is checked against them under
 * its own names.
 */
class CrossAccountZonesTest {
    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final Cloud cloud = world.cloud;
    private final EndpointServiceLookup lookup = world.lookup;
    private final ZoneMapping providerZones = world.providerZones;
    private final ZoneMapping consumerZones = world.consumerZones;
    private final EndpointServiceConfiguration service = world.service(false, "us-east-1a", "us-east-1d");

    @Test
    void theAccountsNameTheirZonesDifferently() {
        assertNotEquals(providerZones.idOf("us-east-1a"), consumerZones.idOf("us-east-1a"));
    }

    @Test
    void theProviderSeesItsZonesUnderItsNamesAndTheConsumerUnderItsOwn() {
        List<String> ids = List.of(providerZones.idOf("us-east-1a"), providerZones.idOf("us-east-1d"));
        EndpointService seenByProvider = lookup.require(cloud.snapshot(PROVIDER), PROVIDER, service.serviceName(), "us-east-1");
        assertEquals(List.of("us-east-1a", "us-east-1d"), seenByProvider.availabilityZones());

        EndpointService seenByConsumer = lookup.require(cloud.snapshot(CONSUMER), CONSUMER, service.serviceName(), "us-east-1");
        List<String> consumerNames = ids.stream().map(consumerZones::nameOf).sorted().toList();
        assertEquals(consumerNames, seenByConsumer.availabilityZones());
        assertNotEquals(seenByProvider.availabilityZones(), seenByConsumer.availabilityZones());
        // Same physical zones, each ID next to the name the viewer gives it.
        for (int i = 0; i < seenByConsumer.availabilityZones().size(); i++) {
            assertEquals(consumerZones.idOf(seenByConsumer.availabilityZones().get(i)), seenByConsumer.availabilityZoneIds().get(i));
        }
        assertEquals(ids.stream().sorted().toList(), seenByConsumer.availabilityZoneIds().stream().sorted().toList());
    }

    @Test
    void theConsumersSubnetNamedLikeTheProvidersZoneIsNotInTheServicesZone() {
        Subnet sameName = consumerSubnet("us-east-1a");
        AwsException error = assertThrows(AwsException.class, () -> createEndpoint(sameName));
        assertEquals(ErrorCode.INVALID_PARAMETER, error.code());
        assertTrue(error.getMessage().contains("does not support the availability zone of the subnet: " + sameName.id()), error.getMessage());
    }

    @Test
    void theConsumersSubnetInTheSamePhysicalZoneIsAccepted() {
        Subnet sameZone = consumerSubnet(consumerZones.nameOf(providerZones.idOf("us-east-1a")));
        VpcEndpoint endpoint = createEndpoint(sameZone);
        assertEquals(List.of(sameZone.id()), endpoint.subnetIds());
    }

    @Test
    void thePathEngineFindsTheServiceGoneFromTheEndpointsZoneByZoneId() {
        Subnet sameZone = consumerSubnet(consumerZones.nameOf(providerZones.idOf("us-east-1a")));
        VpcEndpoint endpoint = createEndpoint(sameZone);
        NetworkInterface workload = cloud.write(CONSUMER, transaction -> new NetworkInterfaceCommands(PrivateLinkWorld.QUOTAS).create(transaction,
                new NetworkInterfaceCommands.CreateNetworkInterface(sameZone.id(), "workload", null, List.of(), 0, List.of(), 0, List.of(), null,
                        null)));
        world.now = world.now.plus(java.time.Duration.ofHours(1));
        PathQuery query = PathQuery.of(workload.id(), endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1"), Protocol.TCP,
                443);
        PathEngine engine = new PathEngine(() -> world.now);
        PathResult before = engine.explain(WorldIndex.of(cloud.snapshot()), query);
        // The interface reaches the provider's load balancer in the same physical zone (which has no listener yet).
        assertTrue(before.hops().stream().anyMatch(hop -> hop.type() == HopType.LOAD_BALANCER
                && hop.id().equals(service.loadBalancerArns().get(0)) && hop.detail().contains(providerZones.idOf("us-east-1a"))), before.toString());
        assertEquals(ExplanationCode.ELBV2_LISTENERS_MISMATCH, before.explanations().get(before.explanations().size() - 1).code());

        // The provider takes its load balancer out of that zone: the consumer's interface there no longer reaches the service.
        cloud.write(PROVIDER, transaction -> new EndpointServiceCommands().modify(transaction, new EndpointServiceCommands.ModifyServiceConfiguration(
                service.id(), List.of(), List.of(service.loadBalancerArns().get(0)), List.of(), List.of(), null, null, false, List.of(), List.of(),
                List.of(), List.of())));
        PathResult after = engine.explain(WorldIndex.of(cloud.snapshot()), query);
        assertEquals(Verdict.BLOCKED, after.verdict());
        assertEquals(ExplanationCode.VPCE_SERVICE_NOT_INSTALLED_IN_AZ, after.explanations().get(0).code());
        String detail = after.explanations().get(0).detail();
        assertTrue(detail.contains(sameZone.availabilityZone() + " (" + providerZones.idOf("us-east-1a") + ")"), detail);
        assertTrue(detail.contains(consumerZones.nameOf(providerZones.idOf("us-east-1d"))), detail);
    }

    private VpcEndpoint createEndpoint(Subnet subnet) {
        return world.endpoint(service, subnet);
    }

    private Subnet consumerSubnet(String zoneName) {
        return world.defaultSubnet(CONSUMER, zoneName);
    }
}
