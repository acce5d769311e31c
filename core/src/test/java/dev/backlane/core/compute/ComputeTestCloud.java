package dev.backlane.core.compute;

import dev.backlane.core.data.ImageCatalog;
import dev.backlane.core.data.InstanceTypeCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SecurityGroupCommands;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.TransitionTimes;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.Function;

/** An in-memory cloud with sequential IDs, a clock the test moves, and the default VPC, for instance command tests. */
final class ComputeTestCloud {
    static final Scope SCOPE = new Scope("111122223333", "us-east-1");

    private Instant now = Instant.parse("2026-01-02T03:04:05Z");
    final Quotas quotas = Quotas.awsDefaults();
    final VpcCommands vpcs = new VpcCommands(quotas);
    final SubnetCommands subnets = new SubnetCommands(quotas, RegionCatalog.standard());
    final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(quotas);
    final ImageCommands images = new ImageCommands(ImageCatalog.standard());
    final InstanceCommands instances = new InstanceCommands(interfaces, InstanceTypeCatalog.standard(), images);
    final Cloud cloud;

    ComputeTestCloud() {
        this(TransitionTimes.standard());
    }

    ComputeTestCloud(TransitionTimes transitions) {
        cloud = new Cloud(World.empty(), new InstantSource() {
            @Override
            public Instant instant() {
                return now;
            }
        }, transitions, IdSource.sequential(), new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    }

    <R> R write(Function<Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }

    void run(Consumer<Transaction> command) {
        cloud.write(SCOPE, transaction -> {
            command.accept(transaction);
            return null;
        });
    }

    ScopeState state() {
        return cloud.snapshot(SCOPE).scope(SCOPE);
    }

    Instant now() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    SecurityGroupCommands groups() {
        return new SecurityGroupCommands(quotas, new dev.backlane.core.network.PrefixListLookup(dev.backlane.core.data.AwsPrefixListCatalog.standard()));
    }
}
