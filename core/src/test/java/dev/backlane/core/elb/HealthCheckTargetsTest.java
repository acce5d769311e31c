package dev.backlane.core.elb;

import static dev.backlane.core.elb.ElbWorld.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which targets a scope's load balancers check, at which address and port, and the Host their HTTP checks send. */
class HealthCheckTargetsTest {
    private final ElbWorld world = new ElbWorld();
    private final String address = world.vpc().cidrBlock().replace("0.0/16", "1.10");

    @Test
    void onlyTargetsOfAGroupThatAListenerForwardsToAreChecked() {
        TargetGroup unused = world.targetGroup("unused", ElbProtocol.TCP, 80, TargetType.IP);
        register(unused, 80);

        assertEquals(List.of(), HealthCheckTargets.of(state()));

        LoadBalancer loadBalancer = world.loadBalancer("nlb", LoadBalancerType.NETWORK);
        world.listener(loadBalancer, ElbProtocol.TCP, 8443, unused);
        List<HealthCheckTargets.Checked> checked = HealthCheckTargets.of(state());

        assertEquals(1, checked.size());
        HealthCheckTargets.Checked target = checked.get(0);
        assertEquals(unused.id(), target.targetGroupArn());
        assertEquals(address, target.address());
        assertEquals(80, target.checkPort(), "traffic-port is the target's port");
        assertEquals(world.vpc().id(), target.vpcId());
        assertEquals(Optional.empty(), target.recorded());
        String node = world.cloud.snapshot().scope(SCOPE).find(ResourceTypes.NETWORK_INTERFACE, loadBalancer.zones().get(0).networkInterfaceId())
                .map(NetworkInterface::privateIpAddress).orElseThrow();
        assertTrue(target.host().endsWith(":8443"), "the listener's port: " + target.host());
        assertTrue(loadBalancer.zones().stream().map(zone -> world.cloud.snapshot().scope(SCOPE)
                .find(ResourceTypes.NETWORK_INTERFACE, zone.networkInterfaceId()).orElseThrow().privateIpAddress())
                .anyMatch(nodeAddress -> target.host().equals(nodeAddress + ":8443")), target.host() + " is a node of the load balancer, e.g. " + node);
    }

    @Test
    void aGivenHealthCheckPortIsProbedAndDisabledChecksAreNot() {
        TargetGroup group = world.targetGroup("checked", ElbProtocol.TCP, 80, TargetType.IP);
        world.listener(world.loadBalancer("nlb", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        register(group, 8080);
        modify(group, new TargetGroupCommands.HealthCheckChange(null, null, "9000", null, null, null, null, null, null));

        assertEquals(9000, HealthCheckTargets.of(state()).get(0).checkPort());

        modify(group, new TargetGroupCommands.HealthCheckChange(false, null, null, null, null, null, null, null, null));
        assertEquals(List.of(), HealthCheckTargets.of(state()));
    }

    @Test
    void theHealthLastRecordedComesWithTheTarget() {
        TargetGroup group = world.targetGroup("recorded", ElbProtocol.TCP, 80, TargetType.IP);
        world.listener(world.loadBalancer("nlb", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        register(group, 80);
        world.cloud.write(SCOPE, transaction -> TargetCommands.recordHealth(transaction, group.id(), address, 80, TargetHealthState.UNHEALTHY,
                TargetHealthReason.TIMEOUT, "Request timed out", transaction.now()));

        assertEquals(TargetHealthReason.TIMEOUT, HealthCheckTargets.of(state()).get(0).recorded().orElseThrow().reason());
    }

    private void register(TargetGroup group, int port) {
        world.cloud.write(SCOPE, transaction -> world.targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(address, port, null))));
    }

    private void modify(TargetGroup group, TargetGroupCommands.HealthCheckChange change) {
        world.cloud.write(SCOPE, transaction -> world.targetGroups.modify(transaction, group.id(), change));
    }

    private dev.backlane.core.world.ScopeState state() {
        return world.cloud.snapshot().scope(SCOPE);
    }
}
