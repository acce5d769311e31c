package dev.backlane.core.network;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Function;

/** An in-memory cloud with sequential IDs, a fixed clock and the default VPC, for command tests. */
final class CoreTestCloud {
    static final Scope SCOPE = new Scope("111122223333", "eu-west-1");

    final Quotas quotas = Quotas.awsDefaults();
    final VpcCommands vpcs = new VpcCommands(quotas);
    final SubnetCommands subnets = new SubnetCommands(quotas, RegionCatalog.standard());
    final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(quotas);
    final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());

    <R> R write(Function<Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }

    ScopeState state() {
        return cloud.snapshot(SCOPE).scope(SCOPE);
    }
}
