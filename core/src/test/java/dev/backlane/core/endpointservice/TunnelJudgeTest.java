package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.CONSUMER;
import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.traffic.PrivateLinkEndpoint;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tunnel judge on a provider's endpoint service consumed from another account (lives beside {@link PrivateLinkWorld}). */
class TunnelJudgeTest {
    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final EndpointServiceConfiguration service = world.serving(world.service(false, "us-east-1a"), 8443);
    private final Subnet subnet = world.consumerSubnetBeside("us-east-1a");
    private final VpcEndpoint endpoint = world.endpoint(service, subnet);
    private final Workload workload = world.workloadIn("w-1", subnet);
    private final TunnelJudge judge = new TunnelJudge(new PathEngine(() -> world.now));

    private TunnelJudge.Judgement judge(String host, int port) {
        world.now = world.now.plus(Duration.ofHours(1));
        return judge.judge(WorldIndex.of(world.cloud.snapshot()), workload, host, port, world.now);
    }

    @Test
    void aConnectionToTheEndpointsRegionalNameIsThePrivateLinkOfTheProvidersService() {
        String regional = endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1");
        TunnelJudge.Judgement judgement = judge(regional, 8443);

        assertEquals(Verdict.PRIVATE, judgement.path().verdict(), judgement.path().toString());
        assertEquals(Optional.of(endpoint.id()), judgement.path().via());
        PrivateLinkEndpoint side = judgement.privateLink().orElseThrow();
        VpcEndpoint created = world.consumersEndpoint(endpoint.id());
        assertEquals(created.networkInterfaceIds(), List.of(side.endpointNetworkInterfaceId()));
        assertEquals(world.cloud.snapshot(CONSUMER).find(CONSUMER, ResourceTypes.NETWORK_INTERFACE, workload.networkInterfaceId())
                .orElseThrow().privateIpAddress(), side.sourceAddress());
        assertEquals(world.providerZones.idOf("us-east-1a"), side.zoneId());
        assertEquals(service.id(), side.serviceId());
        assertEquals(PROVIDER.account(), side.serviceAccount());
        assertEquals(subnet.vpcId(), side.vpcId());
        assertEquals(subnet.id(), side.subnetId());
    }

    @Test
    void aConnectionThroughAnEndpointAwaitingAcceptanceIsBlockedButStillNamesTheEndpoint() {
        PrivateLinkWorld other = new PrivateLinkWorld();
        EndpointServiceConfiguration guarded = other.service(true, "us-east-1a");
        Subnet consumerSubnet = other.consumerSubnetBeside("us-east-1a");
        VpcEndpoint pending = other.endpoint(guarded, consumerSubnet);
        Workload consumer = other.workloadIn("w-2", consumerSubnet);
        other.now = other.now.plus(Duration.ofHours(1));
        String regional = pending.id() + "-" + pending.dnsSuffix() + "." + guarded.baseEndpointDnsName("us-east-1");

        TunnelJudge.Judgement judgement = new TunnelJudge(new PathEngine(() -> other.now)).judge(WorldIndex.of(other.cloud.snapshot()), consumer,
                regional, 443, other.now);

        assertEquals(Verdict.BLOCKED, judgement.path().verdict(), judgement.path().toString());
        assertEquals(ExplanationCode.ENDPOINT_PENDING_ACCEPTANCE, judgement.path().explanations().get(judgement.path().explanations().size() - 1).code());
        assertEquals(pending.id(), judgement.privateLink().orElseThrow().endpointId());
    }

    @Test
    void aNameThatIsNoEndpointServicesHasNoPrivateLinkSide() {
        TunnelJudge.Judgement judgement = judge("sts.us-east-1.amazonaws.com", 443);
        assertTrue(judgement.privateLink().isEmpty());
        TunnelJudge.Judgement unknown = judge("nothing.example.internal", 443);
        assertEquals(Verdict.BLOCKED, unknown.path().verdict());
        assertTrue(unknown.privateLink().isEmpty());
    }
}
