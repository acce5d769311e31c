package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.HealthCheckProgress;
import dev.backlane.core.elb.HealthCheckTargets;
import dev.backlane.core.elb.ProbeResult;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.dataplane.health.HealthProbes;
import dev.backlane.server.store.PeriodicTask;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load balancers' health checks, really run: every target that has a socket mapped ({@link TargetSocketRegistry})
 * and that a load balancer checks ({@link HealthCheckTargets}) is probed every {@code HealthCheckIntervalSeconds} with
 * the group's protocol, port, path and timeout ({@link HealthProbes}); each result moves it through AWS's states
 * ({@link HealthCheckProgress}) and a change of state or reason — only a change — is recorded through
 * {@link TargetCommands#recordHealth}, so the store is not written every interval. A target with no socket is not
 * probed and keeps core's own account of its health; a target whose socket goes away after it was probed (its program
 * ended) is checked as a target whose process is gone: each check fails.
 *
 * <p>One scheduler thread does all the bookkeeping and the recording; the probes run on {@link HealthProbes}'s event
 * loop and hand their results back to it, so no event loop ever waits on the store.
 */
public final class TargetHealthChecker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TargetHealthChecker.class.getName());

    /** A target's registration: a re-registered target starts its checks over. */
    private record Key(Scope scope, String targetGroupArn, String targetId, Integer port, Instant registeredTime) {}

    /** A checked target's progress, its settings and when its next check is due (guarded by the scheduler thread). */
    private static final class Checked {
        HealthCheckProgress progress;
        HealthCheck settings;
        long nextDueNanos;
        boolean probing;

        Checked(HealthCheckProgress progress, long nextDueNanos) {
            this.progress = progress;
            this.nextDueNanos = nextDueNanos;
        }
    }

    private final Cloud cloud;
    private final TargetSocketRegistry sockets;
    private final HealthProbes probes;
    private final PeriodicTask scheduler;
    private final Map<Key, Checked> checked = new HashMap<>();

    /** Starts checking, looking for due checks every {@code tick}. */
    public TargetHealthChecker(Cloud cloud, TargetSocketRegistry sockets, HealthProbes probes, Duration tick) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.sockets = requireNonNull(sockets, "sockets is null");
        this.probes = requireNonNull(probes, "probes is null");
        this.scheduler = PeriodicTask.start("backlane-health-checks", tick.toMillis(), this::checkDueTargets);
    }

    private void checkDueTargets() {
        try {
            World world = cloud.snapshot();
            long now = System.nanoTime();
            Set<Key> seen = new HashSet<>();
            // Only scopes with a socket, or with targets already checked, can have anything to probe.
            Set<Scope> scopes = new TreeSet<>(sockets.scopes());
            checked.keySet().forEach(key -> scopes.add(key.scope()));
            for (Scope scope : scopes) {
                if (!world.hasScope(scope)) {
                    continue;
                }
                for (HealthCheckTargets.Checked target : HealthCheckTargets.of(world.scope(scope))) {
                    Key key = new Key(scope, target.targetGroupArn(), target.targetId(), target.port(), target.registeredTime());
                    Optional<InetSocketAddress> socket = sockets.socketOf(scope, target.vpcId(), target.address(), target.checkPort());
                    Checked state = checked.get(key);
                    if (state == null) {
                        if (socket.isEmpty()) {
                            continue;
                        }
                        state = new Checked(target.recorded().map(HealthCheckProgress::resume).orElseGet(HealthCheckProgress::registered), now);
                        checked.put(key, state);
                    }
                    seen.add(key);
                    state.settings = target.healthCheck();
                    if (!state.probing && now - state.nextDueNanos >= 0) {
                        probe(key, state, target, socket, now);
                    }
                }
            }
            checked.keySet().retainAll(seen);
        } catch (RuntimeException e) {
            // A bad turn must not end the checks: the next tick tries again.
            LOG.log(Level.WARNING, "health checks could not run", e);
        }
    }

    private void probe(Key key, Checked state, HealthCheckTargets.Checked target, Optional<InetSocketAddress> socket, long now) {
        state.probing = true;
        state.nextDueNanos = now + TimeUnit.SECONDS.toNanos(target.healthCheck().intervalSeconds());
        if (socket.isEmpty()) {
            // The process behind the target is gone: as a connection to a port nobody listens on, the check fails.
            record(key, ProbeResult.failed());
            return;
        }
        HealthCheck check = target.healthCheck();
        HealthProbes.Probe probe = new HealthProbes.Probe(socket.get(), check.protocol(), check.path() == null ? "/" : check.path(), target.host(),
                Duration.ofSeconds(check.timeoutSeconds()));
        probes.probe(probe).whenComplete((result, failure) -> {
            ProbeResult seen = result == null ? ProbeResult.failed() : result;
            scheduler.execute(() -> record(key, seen));
        });
    }

    /** Moves the target on by one result and records the change, if it is one. */
    private void record(Key key, ProbeResult result) {
        Checked state = checked.get(key);
        if (state == null) {
            return;
        }
        state.probing = false;
        HealthCheckProgress next = state.progress.after(result, state.settings);
        if (!next.reportsSameAs(state.progress)) {
            try {
                cloud.write(key.scope(), transaction -> TargetCommands.recordHealth(transaction, key.targetGroupArn(), key.targetId(), key.port(),
                        next.state(), next.reason(), next.description(), transaction.now()));
            } catch (RuntimeException e) {
                // Not recorded: keep the old progress, so the next check tries to record the change again.
                LOG.log(Level.WARNING, "could not record the health of target " + key.targetId() + " of " + key.targetGroupArn(), e);
                return;
            }
        }
        state.progress = next;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
