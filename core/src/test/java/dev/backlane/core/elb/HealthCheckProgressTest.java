package dev.backlane.core.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** AWS's health check state machine, one check at a time: thresholds, reasons, and which steps are changes worth recording. */
class HealthCheckProgressTest {
    private static final HealthCheck HTTP = new HealthCheck(true, ElbProtocol.HTTP, "traffic-port", 5, 2, 3, 2, "/health", "200-399,404");
    private static final HealthCheck TCP = new HealthCheck(true, ElbProtocol.TCP, "traffic-port", 5, 2, 3, 2, null, null);

    @Test
    void aNewTargetIsInitialUntilTheHealthyThresholdIsReached() {
        HealthCheckProgress registered = HealthCheckProgress.registered();
        assertEquals(TargetHealthReason.REGISTRATION_IN_PROGRESS, registered.reason());

        HealthCheckProgress one = registered.after(ProbeResult.responded(200), HTTP);
        assertEquals(TargetHealthState.INITIAL, one.state());
        assertEquals(TargetHealthReason.INITIAL_HEALTH_CHECKING, one.reason());
        assertEquals("Initial health checks in progress", one.description());
        assertFalse(one.reportsSameAs(registered), "checks starting is a change");

        HealthCheckProgress two = one.after(ProbeResult.responded(404), HTTP);
        assertTrue(two.reportsSameAs(one), "a second passing check changes nothing DescribeTargetHealth shows");
        HealthCheckProgress three = two.after(ProbeResult.responded(302), HTTP);
        assertEquals(TargetHealthState.HEALTHY, three.state());
        assertNull(three.reason());
        assertNull(three.description());
    }

    @Test
    void aFailureBreaksTheRunOfPassedChecks() {
        HealthCheckProgress progress = HealthCheckProgress.registered().after(ProbeResult.connected(), TCP).after(ProbeResult.connected(), TCP)
                .after(ProbeResult.failed(), TCP).after(ProbeResult.connected(), TCP).after(ProbeResult.connected(), TCP);

        assertEquals(TargetHealthState.INITIAL, progress.state(), "two in a row after the failure, three needed");
        assertEquals(TargetHealthState.HEALTHY, progress.after(ProbeResult.connected(), TCP).state());
    }

    @Test
    void aHealthyTargetTurnsUnhealthyOnlyAfterTheUnhealthyThresholdWithTheLastReason() {
        HealthCheckProgress healthy = healthy(HTTP);

        HealthCheckProgress oneFailure = healthy.after(ProbeResult.timedOut(), HTTP);
        assertEquals(TargetHealthState.HEALTHY, oneFailure.state());
        assertTrue(oneFailure.reportsSameAs(healthy));

        HealthCheckProgress unhealthy = oneFailure.after(ProbeResult.responded(500), HTTP);
        assertEquals(TargetHealthState.UNHEALTHY, unhealthy.state());
        assertEquals(TargetHealthReason.RESPONSE_CODE_MISMATCH, unhealthy.reason());
        assertEquals("Health checks failed with these codes: [500]", unhealthy.description());
    }

    @Test
    void anUnhealthyTargetTakesTheReasonOfEachFailedCheckAndRecoversAfterTheHealthyThreshold() {
        HealthCheckProgress unhealthy = healthy(HTTP).after(ProbeResult.failed(), HTTP).after(ProbeResult.failed(), HTTP);
        assertEquals(TargetHealthReason.FAILED_HEALTH_CHECKS, unhealthy.reason());
        assertEquals("Health checks failed", unhealthy.description());

        HealthCheckProgress timedOut = unhealthy.after(ProbeResult.timedOut(), HTTP);
        assertEquals(TargetHealthState.UNHEALTHY, timedOut.state());
        assertEquals(TargetHealthReason.TIMEOUT, timedOut.reason());
        assertEquals("Request timed out", timedOut.description());
        assertFalse(timedOut.reportsSameAs(unhealthy), "a new reason is a change");

        HealthCheckProgress recovering = timedOut.after(ProbeResult.responded(200), HTTP).after(ProbeResult.responded(200), HTTP);
        assertEquals(TargetHealthState.UNHEALTHY, recovering.state());
        assertEquals(TargetHealthReason.TIMEOUT, recovering.reason(), "the reason stands until the target is healthy again");
        assertEquals(TargetHealthState.HEALTHY, recovering.after(ProbeResult.responded(200), HTTP).state());
    }

    @Test
    void aNewTargetThatNeverPassesIsUnhealthyAfterTheUnhealthyThreshold() {
        HealthCheckProgress progress = HealthCheckProgress.registered().after(ProbeResult.failed(), TCP);
        assertEquals(TargetHealthState.INITIAL, progress.state());

        assertEquals(TargetHealthState.UNHEALTHY, progress.after(ProbeResult.timedOut(), TCP).state());
        assertEquals(TargetHealthReason.TIMEOUT, progress.after(ProbeResult.timedOut(), TCP).reason());
    }

    @Test
    void anHttpCheckDoesNotPassOnAConnectionAloneAndNoMatcherMeans200To399() {
        HealthCheck noMatcher = new HealthCheck(true, ElbProtocol.HTTPS, "8443", 5, 2, 2, 2, "/", null);

        assertEquals(1, HealthCheckProgress.registered().after(ProbeResult.connected(), noMatcher).failedInARow());
        assertEquals(1, HealthCheckProgress.registered().after(ProbeResult.responded(399), noMatcher).passedInARow());
        assertEquals(1, HealthCheckProgress.registered().after(ProbeResult.responded(404), noMatcher).failedInARow());
    }

    @Test
    void aRecordedHealthIsResumedWithItsReasonAndNoRunCounted() {
        Instant at = Instant.parse("2026-12-07T15:00:00Z");
        ObservedHealth recorded = new ObservedHealth(TargetHealthState.UNHEALTHY, TargetHealthReason.TIMEOUT, "Request timed out", at);

        HealthCheckProgress resumed = HealthCheckProgress.resume(recorded);

        assertEquals(recorded, resumed.observed(at));
        assertEquals(0, resumed.passedInARow());
        assertEquals(TargetHealthState.UNHEALTHY, resumed.after(ProbeResult.connected(), TCP).state());
    }

    private static HealthCheckProgress healthy(HealthCheck check) {
        HealthCheckProgress progress = HealthCheckProgress.registered();
        for (int i = 0; i < check.healthyThreshold(); i++) {
            progress = progress.after(check.protocol() == ElbProtocol.TCP ? ProbeResult.connected() : ProbeResult.responded(200), check);
        }
        assertEquals(TargetHealthState.HEALTHY, progress.state());
        return progress;
    }
}
