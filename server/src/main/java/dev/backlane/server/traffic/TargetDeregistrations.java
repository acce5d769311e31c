package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.TargetDeregisteredEvent;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.store.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends deregistrations: every {@code tick} it looks for targets whose deregistration delay is over, removes them from
 * their groups ({@link TargetCommands#completeDeregistrations}, one write per scope that has any) and publishes a
 * {@link TargetDeregisteredEvent} for each on the event stream, where the PrivateLink splices subscribe to close the
 * connections still open to the target when its group says so. Until a sweep runs, such a target is already reported
 * as not registered; the sweep makes it so in the store and tells the data plane.
 */
public final class TargetDeregistrations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TargetDeregistrations.class.getName());

    private final Cloud cloud;
    private final EventStream events;
    private final PeriodicTask scheduler;

    /** Starts sweeping, every {@code tick}. */
    public TargetDeregistrations(Cloud cloud, EventStream events, Duration tick) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.events = requireNonNull(events, "events is null");
        this.scheduler = PeriodicTask.start("backlane-deregistrations", tick.toMillis(), this::sweep);
    }

    /** Completes every deregistration due now; public for tests that must not wait for a tick. */
    public void sweep() {
        try {
            World world = cloud.snapshot();
            Instant now = cloud.now();
            for (Scope scope : world.scopes()) {
                // A read first: the write, and its durable commit, only for a scope that has a deregistration due.
                if (!TargetCommands.deregistrationsDue(world.scope(scope), now)) {
                    continue;
                }
                List<TargetCommands.Deregistered> left = cloud.write(scope, TargetCommands::completeDeregistrations);
                Instant at = cloud.now();
                for (TargetCommands.Deregistered one : left) {
                    events.publish(new TargetDeregisteredEvent(scope.account(), scope.region(), one.group().id(), one.group().vpcId(), one.target().id(),
                            one.target().port() == null ? 0 : one.target().port(), one.address(), at,
                            one.group().terminatesConnectionsOnDeregistration()));
                }
            }
        } catch (RuntimeException e) {
            // The next tick tries again: a deregistration due stays due.
            LOG.log(Level.WARNING, "deregistrations could not be completed", e);
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
