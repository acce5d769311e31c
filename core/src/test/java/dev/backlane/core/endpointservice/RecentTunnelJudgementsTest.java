package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.traffic.RecentTunnelJudgements;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The latest tunnels' judgements, reused by the next connections: on the same world only, and for a short horizon, so
 * a change to the world reaches the next connection at once and one the time alone brings (an endpoint's transition)
 * soon after.
 */
class RecentTunnelJudgementsTest {
    private static final int PORT = 8443;

    private final PrivateLinkWorld world = new PrivateLinkWorld();
    private final EndpointServiceConfiguration service = world.serving(world.service(false, "us-east-1a"), PORT);
    private final Subnet subnet = world.consumerSubnetBeside("us-east-1a");
    private final VpcEndpoint endpoint = world.endpoint(service, subnet);
    private final Workload workload = world.workloadIn("w-1", subnet);
    private final PathEngine engine = new PathEngine(() -> world.now);
    private final RecentTunnelJudgements judgements = new RecentTunnelJudgements(new TunnelJudge(engine));
    private final String regional = endpoint.id() + "-" + endpoint.dnsSuffix() + "." + service.baseEndpointDnsName("us-east-1");

    private TunnelJudge.Judgement judge(String host, Instant at) {
        return judgements.judge(engine.index(world.cloud.snapshot()), workload, host, PORT, at);
    }

    @Test
    void theSameQuestionOnTheSameWorldWithinTheHorizonIsAnsweredByTheSameJudgement() {
        Instant at = world.now.plus(Duration.ofHours(1));
        TunnelJudge.Judgement first = judge(regional, at);

        assertEquals(Verdict.PRIVATE, first.path().verdict(), first.path().toString());
        assertSame(first, judge(regional, at.plus(RecentTunnelJudgements.HORIZON).minusMillis(1)));
        assertNotSame(first, judge(regional, at.plus(RecentTunnelJudgements.HORIZON)), "judged again once the horizon has passed");
        assertNotSame(first, judgements.judge(engine.index(world.cloud.snapshot()), workload, regional, PORT + 1, at), "another port");
    }

    @Test
    void aChangeTheTimeAloneBringsIsSeenOnceTheHorizonHasPassed() {
        // The endpoint is pending when just created: a connection is blocked; an hour later it is available.
        TunnelJudge.Judgement pending = judge(regional, world.now);
        TunnelJudge.Judgement available = judge(regional, world.now.plus(Duration.ofHours(1)));

        assertNotEquals(Verdict.PRIVATE, pending.path().verdict(), pending.path().toString());
        assertEquals(Verdict.PRIVATE, available.path().verdict(), available.path().toString());
    }

    @Test
    void aChangeToTheWorldReachesTheNextConnectionAtOnce() {
        Instant at = world.now.plus(Duration.ofHours(1));
        world.now = at;
        assertEquals(Verdict.PRIVATE, judge(regional, at).path().verdict());
        WorldIndex before = engine.index(world.cloud.snapshot());

        world.cloud.write(PROVIDER, transaction -> new EndpointConnectionCommands().reject(transaction, service.id(), List.of(endpoint.id())));
        TunnelJudge.Judgement rejected = judge(regional, at);

        assertNotSame(before, engine.index(world.cloud.snapshot()));
        assertEquals(Verdict.BLOCKED, rejected.path().verdict(), rejected.path().toString());
    }
}
