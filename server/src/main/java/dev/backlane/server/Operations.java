package dev.backlane.server;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.ec2.RegionOperations;
import dev.backlane.server.api.ec2.TagOperations;
import dev.backlane.server.api.ec2.VpcOperations;
import dev.backlane.server.api.elb.ElbOperations;
import dev.backlane.server.api.sts.StsOperations;
import java.util.ArrayList;
import java.util.List;

/** Every operation family Backlane implements, wired to the core's commands. */
public final class Operations {
    private Operations() {}

    public static OperationRegistry registry(Quotas quotas, RegionCatalog regions) {
        VpcCommands vpcs = new VpcCommands(quotas);
        List<OperationFamily> families = new ArrayList<>(List.of(
                new RegionOperations(regions),
                new TagOperations(),
                new VpcOperations(vpcs),
                new StsOperations()));
        families.addAll(ElbOperations.families(quotas, List.of()));
        OperationRegistry registry = new OperationRegistry();
        families.forEach(family -> family.register(registry));
        return registry;
    }
}
