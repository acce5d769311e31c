package dev.backlane.core.network;

import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.Transaction;
import java.util.List;

/**
 * The flow logs that watch a VPC, subnet or network interface go with it when it is deleted, in the
 * same command, as AWS's do: a flow log never outlives its resource.
 */
public final class WatchingFlowLogs {
    private WatchingFlowLogs() {}

    public static void removeWith(Transaction transaction, String resourceId) {
        for (FlowLog flowLog : List.copyOf(transaction.all(ResourceTypes.FLOW_LOG))) {
            if (flowLog.resourceId().equals(resourceId)) {
                transaction.remove(ResourceTypes.FLOW_LOG, flowLog.id());
            }
        }
    }
}
