package dev.backlane.core.elb;

import dev.backlane.core.data.ElbCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerScheme;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.List;

/**
 * One account's ELBv2 in core, for tests: load balancers in the default VPC's subnets, target groups
 * and listeners made by the real commands. The clock only moves when a test moves it.
 */
final class ElbWorld {
    static final Scope SCOPE = new Scope("111111111111", "eu-west-1");
    static final String CERTIFICATE = "arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000001";

    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    final Cloud cloud = new Cloud(World.empty(), () -> now, IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    final LoadBalancerCommands loadBalancers = new LoadBalancerCommands(Quotas.awsDefaults(), ElbCatalog.standard(), List.of(),
            new NetworkInterfaceCommands(Quotas.awsDefaults()));
    final TargetGroupCommands targetGroups = new TargetGroupCommands(Quotas.awsDefaults(), ElbCatalog.standard());
    final ListenerCommands listeners = new ListenerCommands(Quotas.awsDefaults(), ElbCatalog.standard());
    final TargetCommands targets = new TargetCommands(Quotas.awsDefaults());

    LoadBalancer loadBalancer(String name, LoadBalancerType type) {
        List<String> subnets = cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.SUBNET).stream().map(Subnet::id).sorted().limit(2).toList();
        return cloud.write(SCOPE, transaction -> loadBalancers.create(transaction, new LoadBalancerCommands.CreateLoadBalancer(name, type,
                LoadBalancerScheme.INTERNAL, null, subnets, List.of(), List.of(), List.of())));
    }

    TargetGroup targetGroup(String name, ElbProtocol protocol, int port, TargetType type) {
        String vpcId = vpc().id();
        return cloud.write(SCOPE, transaction -> targetGroups.create(transaction, new TargetGroupCommands.CreateTargetGroup(name, protocol, null,
                protocol == ElbProtocol.GENEVE ? null : port, vpcId, type, null, null, List.of())));
    }

    Listener listener(LoadBalancer loadBalancer, ElbProtocol protocol, Integer port, TargetGroup forwardTo, String... certificates) {
        return cloud.write(SCOPE, transaction -> listeners.create(transaction, loadBalancer.id(), settings(protocol, port, forwardTo, certificates),
                List.of()));
    }

    static ListenerCommands.ListenerSettings settings(ElbProtocol protocol, Integer port, TargetGroup forwardTo, String... certificates) {
        return new ListenerCommands.ListenerSettings(protocol, port, List.of(new ListenerAction("forward", forwardTo.id(), null)),
                List.of(certificates), null);
    }

    /** Read outside a command: a snapshot taken inside one waits for that command to end. */
    Vpc vpc() {
        return cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.VPC).iterator().next();
    }

    <T extends dev.backlane.core.model.Resource> T find(dev.backlane.core.model.ResourceType<T> type, String id) {
        return cloud.snapshot(SCOPE).find(SCOPE, type, id).orElseThrow();
    }
}
