package dev.backlane.core.elb;

import static dev.backlane.core.elb.ElbWorld.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Targets after registration, in core: deregistering by ID or by ID and port, and the health AWS
 * reports for a target over time — unused until a listener forwards to its group, then initial for
 * the checks that make it healthy, then healthy.
 */
class TargetCommandsTest {
    private final ElbWorld world = new ElbWorld();
    private final TargetGroup group = world.targetGroup("ips", ElbProtocol.TCP, 80, TargetType.IP);
    private final String address = world.vpc().cidrBlock().replace("0.0/16", "1.10");

    @Test
    void deregisteringWithoutAPortRemovesEveryPortOfTheTarget() {
        register(new TargetCommands.TargetRequest(address, 80, null), new TargetCommands.TargetRequest(address, 8080, null));

        TargetGroup after = world.cloud.write(SCOPE, transaction -> world.targets.deregister(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(address, null, null))));

        assertEquals(List.of(), after.targets());
    }

    @Test
    void deregisteringWithAPortRemovesOnlyThatRegistration() {
        register(new TargetCommands.TargetRequest(address, 80, null), new TargetCommands.TargetRequest(address, 8080, null));

        TargetGroup after = world.cloud.write(SCOPE, transaction -> world.targets.deregister(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(address, 8080, null))));

        assertEquals(List.of(80), after.targets().stream().map(Target::port).toList());
    }

    @Test
    void deregisteringATargetThatIsNotRegisteredChangesNothing() {
        register(new TargetCommands.TargetRequest(address, null, null));

        TargetGroup after = world.cloud.write(SCOPE, transaction -> world.targets.deregister(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest("10.9.9.9", null, null))));

        assertEquals(1, after.targets().size());
    }

    @Test
    void aTargetIsUnusedUntilAListenerForwardsToItsGroup() {
        register(new TargetCommands.TargetRequest(address, null, null));

        assertEquals(List.of("unused/Target.NotInUse"), health());
    }

    @Test
    void aTargetIsInitialForIntervalTimesHealthyThresholdThenHealthy() {
        register(new TargetCommands.TargetRequest(address, null, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);

        assertEquals(List.of("initial/Elb.RegistrationInProgress"), health());
        // The network default: 30 s between checks, 5 healthy checks in a row.
        world.now = world.now.plus(Duration.ofSeconds(149));
        assertEquals(List.of("initial/Elb.RegistrationInProgress"), health());
        world.now = world.now.plus(Duration.ofSeconds(1));
        assertEquals(List.of("healthy/null"), health());
    }

    @Test
    void aTargetOfAGroupWithHealthChecksOffIsUnavailable() {
        register(new TargetCommands.TargetRequest(address, null, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        world.cloud.write(SCOPE, transaction -> world.targetGroups.modify(transaction, group.id(),
                new TargetGroupCommands.HealthCheckChange(false, null, null, null, null, null, null, null, null)));

        assertEquals(List.of("unavailable/Target.HealthCheckDisabled"), health());
    }

    @Test
    void observedHealthReplacesTheTimedHealthAndIsReportedWithItsReason() {
        register(new TargetCommands.TargetRequest(address, null, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);

        assertTrue(record(TargetHealthState.UNHEALTHY, TargetHealthReason.RESPONSE_CODE_MISMATCH, "Health checks failed with these codes: [500]"));
        // Long past the time the checks would take: what was observed stands.
        world.now = world.now.plus(Duration.ofHours(1));

        List<TargetHealth> health = TargetCommands.health(world.cloud.snapshot(SCOPE).scope(SCOPE), group.id(), List.of(), world.now);
        assertEquals("unhealthy", health.get(0).state());
        assertEquals("Target.ResponseCodeMismatch", health.get(0).reason());
        assertEquals("Health checks failed with these codes: [500]", health.get(0).description());
        assertTrue(record(TargetHealthState.HEALTHY, null, null));
        assertEquals(List.of("healthy/null"), health());
    }

    @Test
    void observedHealthIsKeptWithTheTargetAndDroppedWhenItIsRegisteredAgain() {
        register(new TargetCommands.TargetRequest(address, null, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        record(TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out");

        Target stored = world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets().get(0);
        assertEquals(new ObservedHealth(TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out", world.now),
                stored.observedHealth());
        world.cloud.write(SCOPE, transaction -> world.targets.deregister(transaction, group.id(),
                List.of(new TargetCommands.TargetRequest(address, null, null))));
        register(new TargetCommands.TargetRequest(address, null, null));
        assertEquals(List.of("initial/Elb.RegistrationInProgress"), health());
    }

    @Test
    void anUnusedGroupStaysUnusedWhateverWasObserved() {
        register(new TargetCommands.TargetRequest(address, null, null));
        record(TargetHealthState.HEALTHY, null, null);

        assertEquals(List.of("unused/Target.NotInUse"), health());
    }

    @Test
    void healthOfATargetNoLongerRegisteredOrOfAGroupGoneIsPassedOver() {
        register(new TargetCommands.TargetRequest(address, 80, null));

        assertFalse(world.cloud.<Boolean>write(SCOPE, transaction -> TargetCommands.recordHealth(transaction, group.id(), address, 8080,
                TargetHealthState.HEALTHY, null, null, world.now)));
        assertFalse(world.cloud.<Boolean>write(SCOPE, transaction -> TargetCommands.recordHealth(transaction, group.id().replace("/ips/", "/gone/"),
                address, 80, TargetHealthState.HEALTHY, null, null, world.now)));
        assertEquals(null, world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets().get(0).observedHealth());
    }

    @Test
    void onlyStatesAHealthCheckProducesCanBeObservedAndEachWithItsOwnReasons() {
        register(new TargetCommands.TargetRequest(address, null, null));

        assertThrows(IllegalArgumentException.class, () -> record(TargetHealthState.DRAINING, TargetHealthReason.DEREGISTRATION_IN_PROGRESS, null));
        assertThrows(IllegalArgumentException.class, () -> record(TargetHealthState.UNHEALTHY, TargetHealthReason.INITIAL_HEALTH_CHECKING, null));
        assertThrows(IllegalArgumentException.class, () -> record(TargetHealthState.UNHEALTHY, null, null));
        assertThrows(IllegalArgumentException.class, () -> record(TargetHealthState.HEALTHY, TargetHealthReason.TIMEOUT, null));
        assertTrue(record(TargetHealthState.INITIAL, TargetHealthReason.INITIAL_HEALTH_CHECKING, "Initial health checks in progress"));
    }

    @Test
    void theHealthOfATargetThatIsNotRegisteredIsAskedForByName() {
        List<TargetHealth> health = TargetCommands.health(world.cloud.snapshot(SCOPE).scope(SCOPE), group.id(),
                List.of(new TargetCommands.TargetRequest("10.9.9.9", null, null)), world.now);

        assertEquals(1, health.size());
        assertEquals("Target.NotRegistered", health.get(0).reason());
        assertEquals(80, health.get(0).port());
        assertEquals("80", health.get(0).healthCheckPort());
    }

    @Test
    void anUnknownTargetGroupIsNotFound() {
        String unknown = group.id().replace("/ips/", "/nothing/");

        AwsException register = assertThrows(AwsException.class, () -> world.cloud.write(SCOPE, transaction -> world.targets.register(transaction,
                unknown, List.of(new TargetCommands.TargetRequest(address, null, null)))));
        AwsException health = assertThrows(AwsException.class, () -> TargetCommands.health(world.cloud.snapshot(SCOPE).scope(SCOPE), unknown,
                List.of(), world.now));

        assertEquals(ErrorCode.TARGET_GROUP_NOT_FOUND, register.code());
        assertEquals(ErrorCode.TARGET_GROUP_NOT_FOUND, health.code());
    }

    @Test
    void aPortOutsideTheRangeIsRefusedAndNothingIsRegistered() {
        AwsException error = assertThrows(AwsException.class, () -> register(new TargetCommands.TargetRequest(address, 80, null),
                new TargetCommands.TargetRequest(address, 70000, null)));

        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        assertEquals(List.of(), world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets());
    }

    @Test
    void aDeregisteredTargetDrainsForTheDelayThenLeavesAndIsSweptOnce() {
        register(new TargetCommands.TargetRequest(address, 80, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        world.cloud.write(SCOPE, transaction -> world.targetGroups.modifyAttributes(transaction, group.id(),
                java.util.Map.of("deregistration_delay.timeout_seconds", "30", "deregistration_delay.connection_termination.enabled", "true")));

        deregister(address);

        assertEquals(List.of("draining/Target.DeregistrationInProgress"), health());
        assertEquals(List.of(), sweep(), "nothing is due before the delay ends");
        world.now = world.now.plus(Duration.ofSeconds(29));
        assertFalse(TargetCommands.deregistrationsDue(world.cloud.snapshot(SCOPE).scope(SCOPE), world.now));
        assertEquals(List.of("draining/Target.DeregistrationInProgress"), health());
        world.now = world.now.plus(Duration.ofSeconds(1));
        assertEquals(List.of(), health(), "the delay is over: the target has left, swept or not");
        assertTrue(TargetCommands.deregistrationsDue(world.cloud.snapshot(SCOPE).scope(SCOPE), world.now));

        List<TargetCommands.Deregistered> left = sweep();

        assertEquals(1, left.size());
        assertEquals(address, left.get(0).address());
        assertEquals(80, left.get(0).target().port());
        assertTrue(left.get(0).group().terminatesConnectionsOnDeregistration());
        assertEquals(List.of(), world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets());
        assertEquals(List.of(), sweep(), "swept once");
    }

    @Test
    void aTargetOfAGroupNoLoadBalancerUsesLeavesAtOnceAndSoDoesOneWithNoDelay() {
        register(new TargetCommands.TargetRequest(address, 80, null));
        deregister(address);
        assertEquals(List.of(), world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets());

        register(new TargetCommands.TargetRequest(address, 80, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        world.cloud.write(SCOPE, transaction -> world.targetGroups.modifyAttributes(transaction, group.id(),
                java.util.Map.of("deregistration_delay.timeout_seconds", "0")));
        deregister(address);
        assertEquals(List.of(), world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets());
    }

    @Test
    void aDrainingTargetRegisteredAgainStartsOverAndIsNoLongerDraining() {
        register(new TargetCommands.TargetRequest(address, 80, null));
        world.listener(world.loadBalancer("net", LoadBalancerType.NETWORK), ElbProtocol.TCP, 80, group);
        deregister(address);
        world.now = world.now.plus(Duration.ofSeconds(10));

        register(new TargetCommands.TargetRequest(address, 80, null));

        assertEquals(List.of("initial/Elb.RegistrationInProgress"), health());
        Target again = world.find(dev.backlane.core.model.ResourceTypes.TARGET_GROUP, group.id()).targets().get(0);
        assertFalse(again.isDeregistering());
        assertEquals(world.now, again.registeredTime());
        world.now = world.now.plus(Duration.ofSeconds(300));
        assertEquals(List.of(), sweep(), "the old deregistration no longer counts");
    }

    private void deregister(String id) {
        world.cloud.write(SCOPE, transaction -> world.targets.deregister(transaction, group.id(), List.of(new TargetCommands.TargetRequest(id, null, null))));
    }

    private List<TargetCommands.Deregistered> sweep() {
        return world.cloud.write(SCOPE, TargetCommands::completeDeregistrations);
    }

    private void register(TargetCommands.TargetRequest... requests) {
        world.cloud.write(SCOPE, transaction -> world.targets.register(transaction, group.id(), List.of(requests)));
    }

    private boolean record(TargetHealthState state, TargetHealthReason reason, String description) {
        return world.cloud.write(SCOPE, transaction -> TargetCommands.recordHealth(transaction, group.id(), address, 80, state, reason,
                description, world.now));
    }

    private List<String> health() {
        return TargetCommands.health(world.cloud.snapshot(SCOPE).scope(SCOPE), group.id(), List.of(), world.now).stream()
                .map(health -> health.state() + "/" + health.reason()).toList();
    }
}
