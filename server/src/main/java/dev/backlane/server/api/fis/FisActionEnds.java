package dev.backlane.server.api.fis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What an experiment's actions owe when they end, done on time: the instances a stop action stopped are started again
 * ({@link FisInstanceActions}) and the subnets a disrupt-connectivity action moved get their own network ACL back
 * ({@link FisNetworkActions}). Each is due at its action's end, or at once when the experiment is stopped; what is
 * owed is kept with the experiment, so {@link #resume()} takes it up after a restart of Backlane.
 */
final class FisActionEnds {
    private final Cloud cloud;
    private final FisInstanceActions instances;
    private final FisNetworkActions network;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "backlane-fis");
        thread.setDaemon(true);
        return thread;
    });

    FisActionEnds(Cloud cloud, FisInstanceActions instances, FisNetworkActions network) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.instances = requireNonNull(instances, "instances is null");
        this.network = requireNonNull(network, "network is null");
    }

    /** Does, in {@code transaction}, what the actions ended by {@code at} (all, if the experiment is stopped) owe; gives the experiment then. */
    FisExperiment undoEnded(Transaction transaction, FisExperiment experiment, Instant at) {
        return network.restoreEnded(transaction, instances.startStopped(transaction, experiment, at), at);
    }

    /** Schedules, at each of its actions' end, what the action owes then. */
    void schedule(Scope scope, FisExperiment experiment) {
        for (String name : experiment.actionEnds().keySet()) {
            if (instances.owesStart(experiment, name) || FisNetworkActions.owes(experiment, name)) {
                long delay = Math.max(0, Duration.between(cloud.now(), experiment.actionEnds().get(name)).toMillis());
                timer.schedule(() -> undoDue(scope, experiment.id()), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Takes up what experiments made before a restart still owe. */
    void resume() {
        World world = cloud.snapshot();
        for (Scope scope : world.scopes()) {
            for (FisExperiment experiment : world.all(scope, ResourceTypes.FIS_EXPERIMENT)) {
                schedule(scope, experiment);
            }
        }
    }

    private void undoDue(Scope scope, String experimentId) {
        try {
            cloud.write(scope, transaction -> {
                transaction.find(ResourceTypes.FIS_EXPERIMENT, experimentId).ifPresent(experiment -> {
                    FisExperiment updated = undoEnded(transaction, experiment, transaction.now());
                    if (!updated.equals(experiment)) {
                        transaction.put(ResourceTypes.FIS_EXPERIMENT, updated);
                    }
                });
                return null;
            });
        } catch (RuntimeException storeDown) {
            // What was owed stays owed with the experiment; resume() takes it up on the next start of the server.
        }
    }

    /** Stops the timer: what is still owed stays with the experiments, for {@link #resume()} of the next server. */
    void close() {
        timer.shutdownNow();
    }
}
