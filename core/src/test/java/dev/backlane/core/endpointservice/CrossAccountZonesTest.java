package dev.backlane.core.endpointservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.elb.LoadBalancerCommands;
import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.endpoint.VpcEndpointCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-account PrivateLink trap: the provider's "us-east-1a" is not the consumer's. Zones of an
 * endpoint service are physical zones (zone IDs); each account sees and is checked against them under
 * its own names.
 */
class CrossAccountZonesTest {
    private static final Scope PROVIDER = new Scope("111111111111", "us-east-1");
    private static final Scope CONSUMER = new Scope("222222222222", "us-east-1");
    private static final Quotas QUOTAS = Quotas.awsDefaults();

    /** The clock moves on once the load balancers are made, so they are active when the service is. */
    private Instant now = Instant.parse("2026-01-02T03:04:05Z");
    private final Cloud cloud = new Cloud(World.empty(), () -> now, IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(QUOTAS)), ChangeSink.none());
    private final EndpointServiceZones zones = new EndpointServiceZones(RegionCatalog.standard());
    private final EndpointServiceLookup lookup = EndpointServiceLookup.awsServices().with(new ProviderServiceSource(zones));
    private final VpcEndpointCommands endpoints = new VpcEndpointCommands(lookup, AwsPrefixListCatalog.standard(),
            new NetworkInterfaceCommands(QUOTAS), QUOTAS);
    private final ZoneMapping providerZones = ZoneMappings.standard().derived(PROVIDER.account(), PROVIDER.region());
    private final ZoneMapping consumerZones = ZoneMappings.standard().derived(CONSUMER.account(), CONSUMER.region());
    private final EndpointServiceConfiguration service = providerServiceIn("us-east-1a", "us-east-1d");

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
        NetworkInterface workload = cloud.write(CONSUMER, transaction -> new NetworkInterfaceCommands(QUOTAS).create(transaction,
                new NetworkInterfaceCommands.CreateNetworkInterface(sameZone.id(), "workload", null, List.of(), 0, List.of(), 0, List.of(), null,
                        null)));
        now = now.plus(java.time.Duration.ofHours(1));
        PathQuery query = PathQuery.of(workload.id(), endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1"), Protocol.TCP,
                443);
        PathEngine engine = new PathEngine(() -> now);
        PathResult before = engine.explain(WorldIndex.of(cloud.snapshot()), query);
        assertEquals(Verdict.PRIVATE, before.verdict(), before.toString());

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
        return cloud.write(CONSUMER, transaction -> endpoints.create(transaction, new VpcEndpointCommands.CreateVpcEndpoint(subnet.vpcId(),
                service.serviceName(), null, VpcEndpointType.INTERFACE, null, List.of(), List.of(subnet.id()), List.of(), false, null, null,
                null)));
    }

    private Subnet consumerSubnet(String zoneName) {
        return cloud.snapshot(CONSUMER).all(CONSUMER, ResourceTypes.SUBNET).stream()
                .filter(subnet -> subnet.availabilityZone().equals(zoneName)).findFirst().orElseThrow();
    }

    /** An endpoint service of the provider behind a network load balancer per zone (in its default subnets there), open to the consumer. */
    private EndpointServiceConfiguration providerServiceIn(String... zoneNames) {
        LoadBalancerCommands loadBalancers = new LoadBalancerCommands(QUOTAS, ElbCatalog.standard(), List.of(), new NetworkInterfaceCommands(QUOTAS));
        List<String> arns = new java.util.ArrayList<>();
        for (String zone : zoneNames) {
            String subnetId = cloud.snapshot(PROVIDER).all(PROVIDER, ResourceTypes.SUBNET).stream()
                    .filter(subnet -> subnet.availabilityZone().equals(zone)).findFirst().orElseThrow().id();
            arns.add(cloud.write(PROVIDER, transaction -> loadBalancers.create(transaction, new LoadBalancerCommands.CreateLoadBalancer(
                    "provider-" + zone, LoadBalancerType.NETWORK, LoadBalancerScheme.INTERNAL, null, List.of(subnetId), List.of(), List.of(), List.of()))).id());
        }
        now = now.plus(java.time.Duration.ofDays(1));
        return cloud.write(PROVIDER, transaction -> {
            EndpointServiceConfiguration created = new EndpointServiceCommands().create(transaction,
                    new EndpointServiceCommands.CreateServiceConfiguration(arns, List.of(), false, null, List.of(), List.of()));
            new ServicePermissions().modify(transaction, created.id(), List.of("arn:aws:iam::" + CONSUMER.account() + ":root"), List.of());
            return created;
        });
    }
}
