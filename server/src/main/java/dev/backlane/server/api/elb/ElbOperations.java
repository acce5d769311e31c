package dev.backlane.server.api.elb;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.elb.ListenerCommands;
import dev.backlane.core.elb.LoadBalancerCommands;
import dev.backlane.core.elb.LoadBalancerUse;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetGroupCommands;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.api.OperationFamily;
import java.util.List;

/**
 * The ELBv2 operation families wired to their commands. {@code uses} are the things outside ELBv2 that
 * keep a load balancer from being deleted (VPC endpoint services).
 */
public final class ElbOperations {
    private ElbOperations() {}

    public static List<OperationFamily> families(Quotas quotas, List<LoadBalancerUse> uses) {
        ElbCatalog catalog = ElbCatalog.standard();
        return List.of(
                new LoadBalancerOperations(new LoadBalancerCommands(quotas, catalog, uses, new NetworkInterfaceCommands(quotas))),
                new TargetGroupOperations(new TargetGroupCommands(quotas, catalog), new TargetCommands(quotas)),
                new ListenerOperations(new ListenerCommands(quotas, catalog)),
                new ElbTagOperations());
    }
}
