package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Input;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * FIS's EC2 actions on the world's instances, run as the EC2 API's own commands in the experiment's start:
 * {@code aws:ec2:stop-instances} (StopInstances, and StartInstances on the same instances after
 * {@code startInstancesAfterDuration}, or at once when the experiment is stopped first), {@code terminate-instances} and
 * {@code reboot-instances}. A pending start is kept with the experiment ({@link FisExperiment#restarted()} names those
 * done), so a restart of Backlane takes it up again ({@link #resume()}).
 */
final class FisInstanceActions {
    static final String STOP = "aws:ec2:stop-instances";

    private final Cloud cloud;
    private final InstanceCommands instances;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "backlane-fis");
        thread.setDaemon(true);
        return thread;
    });

    FisInstanceActions(Cloud cloud, InstanceCommands instances) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.instances = requireNonNull(instances, "instances is null");
    }

    /** How long the action lasts: an EC2 action is over once called, unless it starts its instances again later. */
    static Duration duration(String actionId, Map<String, Object> parameters) {
        if (parameters.containsKey("duration")) {
            return Duration.parse(String.valueOf(parameters.get("duration")));
        }
        if (actionId.equals(STOP) && parameters.containsKey("startInstancesAfterDuration")) {
            return Duration.parse(String.valueOf(parameters.get("startInstancesAfterDuration")));
        }
        return Duration.ZERO;
    }

    /** Runs the action's EC2 command on its target instances, inside the experiment's start. */
    void carryOut(Transaction transaction, Input action, Map<String, Object> resolvedTargets) {
        String actionId = action.string("actionId");
        if (!actionId.startsWith("aws:ec2:")) {
            return;
        }
        List<String> ids = instanceIds(action, resolvedTargets);
        switch (actionId) {
            case STOP -> instances.stop(transaction, ids);
            case "aws:ec2:terminate-instances" -> instances.terminate(transaction, ids);
            case "aws:ec2:reboot-instances" -> instances.reboot(transaction, ids);
            default -> throw new IllegalStateException("no EC2 command for " + actionId);
        }
    }

    /** Schedules the start of the instances each stop action of the experiment stopped, at the action's end. */
    void scheduleStarts(Scope scope, FisExperiment experiment) {
        for (Map.Entry<String, Object> entry : castMap(experiment.members().get("actions")).entrySet()) {
            Input action = new Input(castMap(entry.getValue()));
            if (startsLater(action) && !experiment.restarted().contains(entry.getKey())) {
                Instant at = experiment.actionEnds().get(entry.getKey());
                long delay = Math.max(0, Duration.between(cloud.now(), at).toMillis());
                timer.schedule(() -> startDue(scope, experiment.id(), entry.getKey()), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Takes up the starts of stopped instances that experiments made before a restart still owe. */
    void resume() {
        World world = cloud.snapshot();
        for (Scope scope : world.scopes()) {
            for (FisExperiment experiment : world.all(scope, ResourceTypes.FIS_EXPERIMENT)) {
                scheduleStarts(scope, experiment);
            }
        }
    }

    /**
     * Starts again, in {@code transaction}, the instances of each stop action of the experiment not yet restarted that has
     * ended by {@code at} (its time passed, or the experiment stopped); gives the experiment as it is then.
     */
    FisExperiment startStopped(Transaction transaction, FisExperiment experiment, Instant at) {
        FisExperiment updated = experiment;
        for (Map.Entry<String, Object> entry : castMap(experiment.members().get("actions")).entrySet()) {
            Input action = new Input(castMap(entry.getValue()));
            boolean ended = !at.isBefore(experiment.actionEnds().get(entry.getKey()));
            if (startsLater(action) && !updated.restarted().contains(entry.getKey()) && (ended || experiment.stoppedAt() != null)) {
                List<String> stopped = new ArrayList<>();
                for (String id : instanceIds(action, castMap(experiment.members().get("targets")))) {
                    transaction.find(ResourceTypes.INSTANCE, id).filter(instance -> instance.state(transaction.now()) == InstanceState.STOPPED)
                            .map(Instance::id).ifPresent(stopped::add);
                }
                if (!stopped.isEmpty()) {
                    instances.start(transaction, stopped);
                }
                updated = updated.withRestarted(entry.getKey());
            }
        }
        return updated;
    }

    private void startDue(Scope scope, String experimentId, String actionName) {
        try {
            cloud.write(scope, transaction -> {
                transaction.find(ResourceTypes.FIS_EXPERIMENT, experimentId).ifPresent(experiment -> {
                    FisExperiment updated = startStopped(transaction, experiment, transaction.now());
                    if (!updated.equals(experiment)) {
                        transaction.put(ResourceTypes.FIS_EXPERIMENT, updated);
                    }
                });
                return null;
            });
        } catch (RuntimeException storeDown) {
            // The start stays owed (not marked restarted); resume() takes it up on the next start of the server.
        }
    }

    private static boolean startsLater(Input action) {
        return STOP.equals(action.string("actionId")) && action.has("parameters") && action.map("parameters").containsKey("startInstancesAfterDuration");
    }

    private static List<String> instanceIds(Input action, Map<String, Object> resolvedTargets) {
        return FisActions.targetArns(action, "Instances", resolvedTargets).stream().map(FisTargets::idOf).toList();
    }
}
