package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.UnhealthyTargets;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.TargetUnhealthyEvent;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.store.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Terminates the connections of unhealthy targets as their target groups say ({@link UnhealthyTargets}): every
 * {@code tick} it reads which targets' connections are due to be reset — turned unhealthy with termination on, or at
 * the end of their unhealthy draining interval — and publishes a {@link TargetUnhealthyEvent} for each, once per time
 * the target turned unhealthy, where {@link UnhealthyTunnels} resets them, as {@link TargetDeregistrations} does for
 * deregistrations. It only reads: the health checker records the health, the time decides the rest.
 */
public final class UnhealthyTargetTerminations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UnhealthyTargetTerminations.class.getName());

    /** One time a target turned unhealthy: its connections are reset once for it. */
    private record Episode(Scope scope, String targetGroupArn, String targetId, int port, Instant unhealthySince) {}

    private final Cloud cloud;
    private final EventStream events;
    private final PeriodicTask scheduler;
    /** The episodes published, kept while still due (touched by the scheduler thread only). */
    private Set<Episode> published = new HashSet<>();

    /** Starts looking, every {@code tick}. */
    public UnhealthyTargetTerminations(Cloud cloud, EventStream events, Duration tick) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.events = requireNonNull(events, "events is null");
        this.scheduler = PeriodicTask.start("backlane-unhealthy-targets", tick.toMillis(), this::sweep);
    }

    /** Publishes the terminations due now and not published yet; public for tests that must not wait for a tick. */
    public void sweep() {
        try {
            World world = cloud.snapshot();
            Instant now = cloud.now();
            Set<Episode> due = new HashSet<>();
            for (Scope scope : world.scopes()) {
                for (UnhealthyTargets.Due one : UnhealthyTargets.due(world.scope(scope), now)) {
                    int port = one.target().port() == null ? 0 : one.target().port();
                    Episode episode = new Episode(scope, one.group().id(), one.target().id(), port, one.unhealthySince());
                    due.add(episode);
                    if (!published.contains(episode)) {
                        events.publish(new TargetUnhealthyEvent(scope.account(), scope.region(), one.group().id(), one.group().vpcId(),
                                one.target().id(), port, one.address(), one.loadBalancerArns(), one.unhealthySince(), now));
                    }
                }
            }
            // An episode no longer due (healthy again, deregistered, failing open) is forgotten; if it comes back it is
            // due again, and a target failing open that gets a healthy peer has its connections reset then.
            published = due;
        } catch (RuntimeException e) {
            // The next tick tries again.
            LOG.log(Level.WARNING, "unhealthy targets' connections could not be terminated", e);
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
