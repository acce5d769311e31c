package dev.backlane.server.api.fis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.model.FisExperiment;
import dev.backlane.core.model.NetworkAclSwap;
import dev.backlane.core.network.ConnectivityDisruptionCommands;
import dev.backlane.core.network.ConnectivityScope;
import dev.backlane.core.world.Transaction;
import dev.backlane.server.api.Input;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FIS's {@code aws:network:disrupt-connectivity} on the world's subnets, as AWS carries it out: in the experiment's
 * start each target subnet is moved to a network ACL the action makes ({@link ConnectivityDisruptionCommands}), and
 * when the action ends — its duration out, or the experiment stopped — the subnet goes back to its own ACL and the FIS
 * ACL is deleted. The swaps still owed are kept with the experiment ({@link FisExperiment#aclSwaps()}), so a restart
 * of Backlane gives the subnets back on time ({@link FisActionEnds}). The data plane and {@code explain} see nothing
 * but a network ACL.
 */
final class FisNetworkActions {
    static final String DISRUPT = "aws:network:disrupt-connectivity";

    private final ConnectivityDisruptionCommands disruptions;

    FisNetworkActions(ConnectivityDisruptionCommands disruptions) {
        this.disruptions = requireNonNull(disruptions, "disruptions is null");
    }

    /** Moves the action's target subnets to FIS ACLs inside the experiment's start; a refusal names the action. */
    List<NetworkAclSwap> carryOut(Transaction transaction, String name, Input action, Map<String, Object> resolvedTargets) {
        if (!DISRUPT.equals(action.string("actionId"))) {
            return List.of();
        }
        Map<String, Object> parameters = action.map("parameters");
        ConnectivityScope scope = ConnectivityScope.of(String.valueOf(parameters.get("scope"))).orElseThrow();
        List<String> subnets = FisActions.targetArns(action, "Subnets", resolvedTargets).stream().map(FisTargets::idOf).toList();
        try {
            return disruptions.disrupt(transaction, name, subnets, scope, (String) parameters.get("prefixListIdentifier"));
        } catch (AwsException refused) {
            throw FisAnswers.validation("Action %s: %s", name, refused.getMessage());
        }
    }

    /** Whether the experiment still owes subnets of its action {@code name} their own ACL. */
    static boolean owes(FisExperiment experiment, String name) {
        return experiment.aclSwaps().stream().anyMatch(swap -> swap.action().equals(name));
    }

    /** Gives back, in {@code transaction}, the ACLs of the actions ended by {@code at} (or all, the experiment stopped). */
    FisExperiment restoreEnded(Transaction transaction, FisExperiment experiment, Instant at) {
        List<NetworkAclSwap> owed = new ArrayList<>();
        for (NetworkAclSwap swap : experiment.aclSwaps()) {
            if (experiment.stoppedAt() != null || !at.isBefore(experiment.actionEnds().get(swap.action()))) {
                disruptions.restore(transaction, swap);
            } else {
                owed.add(swap);
            }
        }
        return owed.size() == experiment.aclSwaps().size() ? experiment : experiment.withAclSwaps(owed);
    }
}
