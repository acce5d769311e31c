package dev.backlane.server.api.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sessions kept in the world: a second {@link StsSessions} on the same world (a restarted server) knows the first's. */
class WorldSessionLedgerTest {
    private static final String ROLE = "arn:aws:iam::444455556666:role/orders";

    private final SteppingClock clock = new SteppingClock();
    private final Cloud cloud = new Cloud(World.empty(), clock, IdSource.sequential(), transaction -> {}, ChangeSink.none());

    private StsSessions server() {
        return new StsSessions(clock, new WorldSessionLedger(cloud, "us-east-1"));
    }

    @Test
    void aSessionBegunBeforeARestartActsAsTheRoleAfterItUntilItExpires() {
        StsSessions.Session begun = server().begin(ROLE, "444455556666", "orders", "drill", Duration.ofSeconds(900));
        assertTrue(cloud.snapshot().find(new Scope("444455556666", "us-east-1"), ResourceTypes.STS_SESSION, begun.accessKeyId()).isPresent(),
                "kept in the role's account");

        StsSessions restarted = server();
        StsSessions.Session found = restarted.session(begun.accessKeyId()).orElseThrow();
        assertEquals(begun.arn(), found.arn());
        assertEquals(begun.account(), found.account());
        assertEquals(begun.roleArn(), found.roleArn());
        assertEquals(begun.assumedRoleId(), found.assumedRoleId());
        assertEquals(begun.expiration(), found.expiration());
        assertEquals(begun.assumedRoleId(), restarted.sessionByArn(begun.arn()).orElseThrow().assumedRoleId(), "GetCallerIdentity's lookup");

        clock.advance(Duration.ofSeconds(900));
        StsSessions afterExpiry = server();
        assertTrue(afterExpiry.session(begun.accessKeyId()).isEmpty());
        assertTrue(afterExpiry.expired(begun.accessKeyId()), "refused as expired after a restart too");
        assertFalse(afterExpiry.expired("ASIAQQQQQQQQQQQQQQQQ"), "a key no server issued");
    }

    @Test
    void sessionsExpiredMoreThanADayAgoAreForgottenWhenTheAccountBeginsAnother() {
        StsSessions sessions = server();
        StsSessions.Session old = sessions.begin(ROLE, "444455556666", "orders", "old", Duration.ofSeconds(900));
        clock.advance(Duration.ofSeconds(900).plus(WorldSessionLedger.KEPT_EXPIRED));
        sessions.begin(ROLE, "444455556666", "orders", "fresh", Duration.ofSeconds(900));
        assertTrue(cloud.snapshot().find(new Scope("444455556666", "us-east-1"), ResourceTypes.STS_SESSION, old.accessKeyId()).isPresent(),
                "expired exactly a day ago: still refused as expired");
        clock.advance(Duration.ofSeconds(1));
        sessions.begin(ROLE, "444455556666", "orders", "later", Duration.ofSeconds(900));
        assertTrue(cloud.snapshot().find(new Scope("444455556666", "us-east-1"), ResourceTypes.STS_SESSION, old.accessKeyId()).isEmpty());
        assertEquals(2, cloud.snapshot().all(new Scope("444455556666", "us-east-1"), ResourceTypes.STS_SESSION).size());
    }
}
