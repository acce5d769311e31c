package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.PrivateLinkConnectionClosedEvent.Cause;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.traffic.EstablishedTunnelJudge;
import dev.backlane.core.traffic.EstablishedTunnelJudge.Cut;
import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.Gateways;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes changes act on open PrivateLink tunnels: each time the world changes (a committed batch) or a fault starts,
 * every spliced tunnel is judged again on the new state ({@link EstablishedTunnelJudge}) and those AWS would cut are
 * reset, their closed events naming why (endpoint rejected or deleted, a network ACL, a fault). New connections need
 * nothing of this: each is judged when it opens.
 *
 * <p>Changes arrive on the committing thread, which must not wait: a review is queued on a thread of its own, and
 * changes that come while one is queued fold into it. Tunnels with the same workload, endpoint address and port share
 * one judgement per review (their paths differ only in the source port). The thread ends when idle, so nothing is
 * left to close.
 */
public final class EstablishedTunnels {
    private static final Logger LOG = Logger.getLogger(EstablishedTunnels.class.getName());

    /** What a judgement depends on: the workload's interface, the endpoint's address and the port. */
    private record Path(String workloadId, String endpointAddress, int port) {
    }

    private final Gateways gateways;
    private final EstablishedTunnelJudge judge;
    private final Supplier<WorldIndex> world;
    private final Function<String, Optional<Workload>> workloads;
    private final InstantSource clock;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ThreadPoolExecutor reviewer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, "backlane-established-tunnels");
        thread.setDaemon(true);
        return thread;
    });

    public EstablishedTunnels(Gateways gateways, EstablishedTunnelJudge judge, Supplier<WorldIndex> world,
            Function<String, Optional<Workload>> workloads, InstantSource clock) {
        this.gateways = requireNonNull(gateways, "gateways is null");
        this.judge = requireNonNull(judge, "judge is null");
        this.world = requireNonNull(world, "world is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The world or the faults changed: queues a review unless one is queued already. Returns at once. */
    public void changed() {
        if (queued.compareAndSet(false, true)) {
            try {
                reviewer.execute(this::reviewQueued);
            } catch (RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    private void reviewQueued() {
        // Cleared before reading the world: a change from now on queues the next review.
        queued.set(false);
        try {
            review();
        } catch (RuntimeException e) {
            // The next change reviews again; meanwhile the open tunnels carry on.
            LOG.log(Level.WARNING, "open tunnels could not be judged again", e);
        }
    }

    /** Judges every open tunnel on the current state and resets those it cuts; returns how many. Public for tests. */
    public int review() {
        Instant at = clock.instant();
        Map<Path, Optional<Cause>> judged = new HashMap<>();
        WorldIndex[] index = new WorldIndex[1];
        return gateways.endTunnels(flow -> judged.computeIfAbsent(new Path(flow.workloadId(), flow.endpointAddress(), flow.port()), path -> {
            if (index[0] == null) {
                index[0] = world.get();
            }
            return cut(index[0], flow, at);
        }));
    }

    private Optional<Cause> cut(WorldIndex index, PrivateLinkFlow flow, Instant at) {
        // A workload deleted has its gateway, and its tunnels, closed with it.
        return workloads.apply(flow.workloadId()).flatMap(workload -> judge.judge(index, workload, flow.endpointAddress(), flow.port(), at))
                .map(EstablishedTunnels::cause);
    }

    static Cause cause(Cut cut) {
        return switch (cut) {
            case ENDPOINT_REJECTED -> Cause.ENDPOINT_REJECTED;
            case ENDPOINT_DELETED -> Cause.ENDPOINT_DELETED;
            case NETWORK_ACL -> Cause.NETWORK_ACL;
            case FAULT -> Cause.FAULT;
        };
    }
}
