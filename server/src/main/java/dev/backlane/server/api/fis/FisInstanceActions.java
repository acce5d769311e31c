package dev.backlane.server.api.fis;

import static dev.backlane.server.api.fis.FisAnswers.castMap;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.compute.InstanceCommands;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Input;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FIS's EC2 actions on the world's instances, run as the EC2 API's own commands in the experiment's start:
 * {@code aws:ec2:stop-instances} (StopInstances, and StartInstances on the same instances after
 * {@code startInstancesAfterDuration}, or at once when the experiment is stopped first), {@code terminate-instances} and
 * {@code reboot-instances}. A pending start is kept with the experiment ({@link FisExperiment#restarted()} names those
 * done), so a restart of Backlane takes it up again ({@link FisActionEnds}).
 */
final class FisInstanceActions {
    static final String STOP = "aws:ec2:stop-instances";

    private final InstanceCommands instances;

    FisInstanceActions(InstanceCommands instances) {
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

    /** Whether the experiment's action {@code name} stopped instances it has not yet started again. */
    boolean owesStart(FisExperiment experiment, String name) {
        Input action = new Input(castMap(castMap(experiment.members().get("actions")).get(name)));
        return startsLater(action) && !experiment.restarted().contains(name);
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

    private static boolean startsLater(Input action) {
        return STOP.equals(action.string("actionId")) && action.has("parameters") && action.map("parameters").containsKey("startInstancesAfterDuration");
    }

    private static List<String> instanceIds(Input action, Map<String, Object> resolvedTargets) {
        return FisActions.targetArns(action, "Instances", resolvedTargets).stream().map(FisTargets::idOf).toList();
    }
}
