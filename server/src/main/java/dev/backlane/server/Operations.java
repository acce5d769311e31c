package dev.backlane.server;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.network.AddressCommands;
import dev.backlane.core.network.InternetGatewayCommands;
import dev.backlane.core.network.NatGatewayCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.RouteCommands;
import dev.backlane.core.network.RouteTableCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.ec2.AddressOperations;
import dev.backlane.server.api.ec2.InternetGatewayOperations;
import dev.backlane.server.api.ec2.NatGatewayOperations;
import dev.backlane.server.api.ec2.RegionOperations;
import dev.backlane.server.api.ec2.RouteTableOperations;
import dev.backlane.server.api.ec2.TagOperations;
import dev.backlane.server.api.ec2.VpcOperations;
import dev.backlane.server.api.sts.StsOperations;
import java.util.List;

/** Every operation family Backlane implements, wired to the core's commands. */
public final class Operations {
    private Operations() {}

    public static OperationRegistry registry(Quotas quotas, RegionCatalog regions) {
        VpcCommands vpcs = new VpcCommands(quotas);
        List<OperationFamily> families = List.of(
                new RegionOperations(regions),
                new TagOperations(),
                new VpcOperations(vpcs),
                new RouteTableOperations(new RouteTableCommands(quotas), new RouteCommands(quotas)),
                new InternetGatewayOperations(new InternetGatewayCommands(quotas)),
                new AddressOperations(new AddressCommands(quotas)),
                new NatGatewayOperations(new NatGatewayCommands(quotas)),
                new StsOperations());
        OperationRegistry registry = new OperationRegistry();
        families.forEach(family -> family.register(registry));
        return registry;
    }
}
