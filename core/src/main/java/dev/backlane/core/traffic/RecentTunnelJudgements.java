package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.WorldIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TunnelJudge}'s judgements of the latest tunnels, reused for the next connections a workload opens to the
 * same host and port: a client that opens connection after connection to one service would otherwise have the path
 * engine walk (and explain, in words) the same path each time, most of what the gateway spends on a new tunnel.
 *
 * <p>A judgement depends on the world (with its active faults: a new {@link WorldIndex} each time either changes) and
 * on the time, through states that change with it alone: a target's registration period or draining delay, a state
 * transition of an endpoint, a NAT gateway or a route. So a judgement is reused only on the same world index and for
 * {@link #HORIZON} after it was made: a change to the world (a rule removed, an endpoint rejected, a target
 * deregistered or found unhealthy, a fault started or ended) reaches the next connection at once; a change the time
 * alone brings, at most the horizon late. The source port does not enter a judgement (the target is chosen from
 * its targets by the flow's hash afterwards). At most {@link #MAX_KEPT} are kept per world, so hosts a client makes
 * up cost no more.
 */
public final class RecentTunnelJudgements {
    /** How long a judgement is reused on the same world: well under the shortest time-driven change (a second or more). */
    public static final Duration HORIZON = Duration.ofMillis(100);
    static final int MAX_KEPT = 1024;

    private final TunnelJudge judge;
    private final Duration horizon;
    private volatile Kept kept = new Kept(null, new ConcurrentHashMap<>());

    public RecentTunnelJudgements(TunnelJudge judge) {
        this(judge, HORIZON);
    }

    RecentTunnelJudgements(TunnelJudge judge, Duration horizon) {
        this.judge = requireNonNull(judge, "judge is null");
        this.horizon = requireNonNull(horizon, "horizon is null");
    }

    private record Question(Workload workload, String host, int port) {}

    private record Judged(Instant at, TunnelJudge.Judgement judgement) {}

    private record Kept(WorldIndex world, Map<Question, Judged> judged) {}

    /** As {@link TunnelJudge#judge}, reusing a judgement of the same question on the same world made less than the horizon before {@code at}. */
    public TunnelJudge.Judgement judge(WorldIndex world, Workload workload, String host, int port, Instant at) {
        requireNonNull(world, "world is null");
        requireNonNull(at, "at is null");
        Kept current = kept;
        if (current.world() != world) {
            current = new Kept(world, new ConcurrentHashMap<>());
            kept = current;
        }
        Question question = new Question(workload, host, port);
        Judged earlier = current.judged().get(question);
        if (earlier != null && !at.isBefore(earlier.at()) && at.isBefore(earlier.at().plus(horizon))) {
            return earlier.judgement();
        }
        TunnelJudge.Judgement judgement = judge.judge(world, workload, host, port, at);
        if (earlier != null || current.judged().size() < MAX_KEPT) {
            current.judged().put(question, new Judged(at, judgement));
        }
        return judgement;
    }
}
