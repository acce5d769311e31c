package dev.backlane.core.elb;

import static dev.backlane.core.elb.ElbWorld.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connections to a target its checks found unhealthy, in core: reset as it turns unhealthy by default; kept for the
 * draining interval (the target {@code unhealthy.draining}) when termination is off, then reset; left alone with
 * termination off and no interval; never reset while the group fails open; and the attributes' validation.
 */
class UnhealthyTargetsTest {
    private final ElbWorld world = new ElbWorld();
    private final TargetGroup group = world.targetGroup("ips", ElbProtocol.TCP, 80, TargetType.IP);
    private final String failing = world.vpc().cidrBlock().replace("0.0/16", "1.10");
    private final String other = world.vpc().cidrBlock().replace("0.0/16", "1.11");
    private final LoadBalancer loadBalancer = world.loadBalancer("net", LoadBalancerType.NETWORK);

    UnhealthyTargetsTest() {
        world.listener(loadBalancer, ElbProtocol.TCP, 80, group);
        world.cloud.write(SCOPE, transaction -> world.targets.register(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(failing, 80, null), new TargetCommands.TargetRequest(other, 80, null))));
        record(other, TargetHealthState.HEALTHY, null, null);
        record(failing, TargetHealthState.HEALTHY, null, null);
    }

    @Test
    void byDefaultATargetTurningUnhealthyHasItsConnectionsResetAtOnceOncePerEpisode() {
        world.now = world.now.plusSeconds(10);
        Instant turned = world.now;
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");

        List<UnhealthyTargets.Due> due = UnhealthyTargets.due(state(), world.now);
        assertEquals(1, due.size());
        assertEquals(failing, due.get(0).address());
        assertEquals(turned, due.get(0).unhealthySince());
        assertEquals(List.of(loadBalancer.id()), due.get(0).loadBalancerArns());
        assertEquals("unhealthy", health(failing));

        // Another reason in the same state is the same episode: it keeps the time it began.
        world.now = world.now.plusSeconds(5);
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out");
        assertEquals(turned, UnhealthyTargets.due(state(), world.now).get(0).unhealthySince());

        record(failing, TargetHealthState.HEALTHY, null, null);
        assertEquals(List.of(), UnhealthyTargets.due(state(), world.now), "healthy again: nothing to reset");
    }

    @Test
    void withTerminationOffATargetDrainsForTheIntervalThenItsConnectionsAreReset() {
        modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "false", TargetGroup.UNHEALTHY_DRAINING_INTERVAL, "60"));
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");
        Instant turned = world.now;

        assertEquals("unhealthy.draining", health(failing));
        assertEquals(List.of(), UnhealthyTargets.due(state(), world.now.plusSeconds(59)));
        assertEquals("unhealthy.draining", health(failing, turned.plusSeconds(59)));

        assertEquals("unhealthy", health(failing, turned.plusSeconds(60)));
        assertEquals(List.of(failing), UnhealthyTargets.due(state(), turned.plusSeconds(60)).stream().map(UnhealthyTargets.Due::address).toList());
    }

    @Test
    void withTerminationOffAndNoIntervalTheConnectionsAreLeftAlone() {
        modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "false"));
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");

        assertEquals("unhealthy", health(failing));
        assertEquals(List.of(), UnhealthyTargets.due(state(), world.now.plus(Duration.ofDays(1))));
    }

    @Test
    void noConnectionIsResetWhileTheGroupFailsOpen() {
        record(other, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");
        record(failing, TargetHealthState.UNHEALTHY, TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");

        assertEquals(List.of(), UnhealthyTargets.due(state(), world.now), "no healthy target: new connections go to all, old ones stay");

        record(other, TargetHealthState.HEALTHY, null, null);
        assertEquals(List.of(failing), UnhealthyTargets.due(state(), world.now).stream().map(UnhealthyTargets.Due::address).toList());
    }

    @Test
    void theAttributesAreReturnedWithAwsDefaultsAndValidated() {
        TargetGroup created = world.find(ResourceTypes.TARGET_GROUP, group.id());
        assertEquals("true", created.attributes().get(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION));
        assertEquals("0", created.attributes().get(TargetGroup.UNHEALTHY_DRAINING_INTERVAL));

        AwsException whileTerminating = assertThrows(AwsException.class, () -> modify(Map.of(TargetGroup.UNHEALTHY_DRAINING_INTERVAL, "30")));
        assertEquals(ErrorCode.VALIDATION_ERROR, whileTerminating.code());
        assertEquals("Target group attribute 'target_health_state.unhealthy.draining_interval_seconds' can only be set when "
                + "'target_health_state.unhealthy.connection_termination.enabled' is 'false'", whileTerminating.getMessage());
        AwsException tooLong = assertThrows(AwsException.class, () -> modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "false",
                TargetGroup.UNHEALTHY_DRAINING_INTERVAL, "360001")));
        assertEquals("Target group attribute 'target_health_state.unhealthy.draining_interval_seconds' must be from 0 to 360000, not '360001'",
                tooLong.getMessage());
        assertThrows(AwsException.class, () -> modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "off")));
        assertThrows(AwsException.class, () -> modify(Map.of("deregistration_delay.timeout_seconds", "3601")));
        assertEquals("0", world.find(ResourceTypes.TARGET_GROUP, group.id()).attributes().get(TargetGroup.UNHEALTHY_DRAINING_INTERVAL),
                "nothing refused was applied");

        modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "false", TargetGroup.UNHEALTHY_DRAINING_INTERVAL, "360000"));
        AwsException backOn = assertThrows(AwsException.class, () -> modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "true")));
        assertEquals(ErrorCode.VALIDATION_ERROR, backOn.code());
        modify(Map.of(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION, "true", TargetGroup.UNHEALTHY_DRAINING_INTERVAL, "0"));
        assertEquals("true", world.find(ResourceTypes.TARGET_GROUP, group.id()).attributes().get(TargetGroup.UNHEALTHY_CONNECTION_TERMINATION));
    }

    private void modify(Map<String, String> changes) {
        world.cloud.write(SCOPE, transaction -> world.targetGroups.modifyAttributes(transaction, group.id(), changes));
    }

    private void record(String address, TargetHealthState state, TargetHealthReason reason, String description) {
        world.cloud.write(SCOPE, transaction -> TargetCommands.recordHealth(transaction, group.id(), address, 80, state, reason, description,
                world.now));
    }

    private dev.backlane.core.world.ScopeState state() {
        return world.cloud.snapshot(SCOPE).scope(SCOPE);
    }

    private String health(String address) {
        return health(address, world.now);
    }

    private String health(String address, Instant at) {
        return TargetCommands.health(state(), group.id(), List.of(new TargetCommands.TargetRequest(address, 80, null)), at).get(0).state();
    }
}
