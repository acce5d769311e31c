package dev.backlane.core.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransitionTimesTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Scope SCOPE = new Scope("111122223333", "eu-west-1");

    @Test
    void standardTimesAreShortButNotZeroAndRetentionsAreAws() {
        TransitionTimes times = TransitionTimes.standard();
        assertEquals(Duration.ofSeconds(1), times.of(Transition.NAT_GATEWAY_PENDING));
        assertEquals(Duration.ofSeconds(1), times.of(Transition.VPC_ENDPOINT_DELETING));
        assertEquals(Duration.ofHours(1), times.of(Transition.NAT_GATEWAY_RETENTION));
        for (Transition transition : Transition.values()) {
            assertEquals(false, times.of(transition).isZero(), transition.configName());
        }
    }

    @Test
    void instantTimesEndEveryTransitionAtOnceButKeepRetentions() {
        TransitionTimes times = TransitionTimes.instant();
        assertEquals(Duration.ZERO, times.of(Transition.NAT_GATEWAY_PENDING));
        assertEquals(Duration.ZERO, times.of(Transition.LOAD_BALANCER_PROVISIONING));
        assertEquals(Duration.ofHours(1), times.of(Transition.NAT_GATEWAY_RETENTION));
        assertEquals(Transition.VPC_ENDPOINT_RETENTION.standard(), times.of(Transition.VPC_ENDPOINT_RETENTION));
    }

    @Test
    void oneTransitionCanBeChangedAndNoneMadeNegative() {
        TransitionTimes times = TransitionTimes.standard().with(Transition.VPC_ENDPOINT_PENDING, Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(2), times.of(Transition.VPC_ENDPOINT_PENDING));
        assertEquals(Duration.ofSeconds(1), times.of(Transition.NAT_GATEWAY_PENDING));
        assertEquals(NOW.plusSeconds(120), times.end(Transition.VPC_ENDPOINT_PENDING, NOW));
        assertThrows(IllegalArgumentException.class, () -> times.with(Transition.NAT_GATEWAY_PENDING, Duration.ofSeconds(-1)));
    }

    @Test
    void transitionsAreNamedForTheCommandLine() {
        assertEquals(Optional.of(Transition.NAT_GATEWAY_DELETING), Transition.byConfigName("nat-gateway-deleting"));
        assertEquals(Optional.empty(), Transition.byConfigName("NAT_GATEWAY_DELETING"));
    }

    @Test
    void settingsFromTheCommandLineNameATransitionAndADurationWithUnit() {
        TransitionTimes times = TransitionTimes.standard().with("vpc-endpoint-pending", "90s").with("nat-gateway-deleting", "500ms")
                .with("load-balancer-provisioning", "0").with("nat-gateway-retention", "2h").with("vpc-endpoint-retention", "3m");
        assertEquals(Duration.ofSeconds(90), times.of(Transition.VPC_ENDPOINT_PENDING));
        assertEquals(Duration.ofMillis(500), times.of(Transition.NAT_GATEWAY_DELETING));
        assertEquals(Duration.ZERO, times.of(Transition.LOAD_BALANCER_PROVISIONING));
        assertEquals(Duration.ofHours(2), times.of(Transition.NAT_GATEWAY_RETENTION));
        assertEquals(Duration.ofMinutes(3), times.of(Transition.VPC_ENDPOINT_RETENTION));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> times.with("nat-pending", "1s"));
        assertEquals(true, unknown.getMessage().contains("nat-gateway-pending"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> times.with("nat-gateway-pending", "5"));
        assertThrows(IllegalArgumentException.class, () -> times.with("nat-gateway-pending", "-1s"));
        assertThrows(IllegalArgumentException.class, () -> times.with("nat-gateway-pending", "1d"));
    }

    @Test
    void commandsSeeTheCloudsTimesFromTheirOwnInstant() {
        TransitionTimes times = TransitionTimes.standard().with(Transition.NAT_GATEWAY_PENDING, Duration.ofSeconds(7));
        Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), times, IdSource.sequential(), transaction -> {}, ChangeSink.none());
        assertEquals(times, cloud.transitions());
        assertEquals(NOW.plusSeconds(7), cloud.write(SCOPE, transaction -> transaction.endOf(Transition.NAT_GATEWAY_PENDING)));
    }
}
