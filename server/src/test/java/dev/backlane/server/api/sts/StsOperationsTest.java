package dev.backlane.server.api.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.ApiResponse;
import dev.backlane.server.api.Caller;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** STS's AssumeRole begins a session whose access key makes calls as the role, until it expires; GetCallerIdentity says who. */
class StsOperationsTest {
    private static final ServiceEndpoint STS = ServiceEndpoint.load("sts", "sts-2011-06-15.service-2.json");
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    private static final String ROLE = "arn:aws:iam::444455556666:role/team/orders";

    private final SteppingClock clock = new SteppingClock();
    private final StsSessions sessions = new StsSessions(clock);
    private final ApiDispatcher dispatcher;

    StsOperationsTest() {
        OperationRegistry registry = new OperationRegistry();
        new StsOperations(sessions).register(registry);
        dispatcher = new ApiDispatcher(Map.of("sts", STS), registry, new Cloud(World.empty(), clock, IdSource.sequential(), transaction -> {},
                ChangeSink.none()));
    }

    private ApiResponse call(Caller caller, Map<String, String> parameters) {
        return dispatcher.dispatch(STS, caller, parameters);
    }

    private static String element(ApiResponse response, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(response.body());
        assertTrue(matcher.find(), response.body());
        return matcher.group(1);
    }

    @Test
    void anAssumedRolesKeyActsAsTheRolesSessionInItsAccountUntilItExpires() {
        ApiResponse assumed = call(Caller.root(SCOPE), Map.of("Action", "AssumeRole", "RoleArn", ROLE, "RoleSessionName", "drill",
                "DurationSeconds", "900"));
        assertEquals(200, assumed.status(), assumed.body());
        String key = element(assumed, "AccessKeyId");
        assertTrue(key.matches("ASIA[A-Z2-7]{16}"), key);
        assertEquals("arn:aws:sts::444455556666:assumed-role/orders/drill", element(assumed, "Arn"));
        assertTrue(element(assumed, "AssumedRoleId").matches("AROA[A-Z2-7]{17}:drill"), assumed.body());
        assertEquals(clock.instant().plusSeconds(900), java.time.Instant.parse(element(assumed, "Expiration")));

        StsSessions.Session session = sessions.session(key).orElseThrow();
        assertEquals("444455556666", session.account(), "the role's account");
        assertEquals(ROLE, session.roleArn());
        Caller asRole = new Caller(new Scope(session.account(), "us-east-1"), session.arn(), Optional.of(session.roleArn()), false);
        ApiResponse identity = call(asRole, Map.of("Action", "GetCallerIdentity"));
        assertEquals("arn:aws:sts::444455556666:assumed-role/orders/drill", element(identity, "Arn"));
        assertEquals(session.assumedRoleId(), element(identity, "UserId"));
        assertEquals("444455556666", element(identity, "Account"));

        assertFalse(sessions.expired(key));
        clock.advance(Duration.ofSeconds(900));
        assertTrue(sessions.session(key).isEmpty(), "expired credentials are no session");
        assertTrue(sessions.expired(key), "a call signed with them is refused, not made as the account's root");
        assertFalse(sessions.expired("ASIAAAAAAAAAAAAAAAAA"), "a key this server never issued");
        assertFalse(sessions.expired("AKIAIOSFODNN7EXAMPLE"));
        assertEquals("arn:aws:iam::111122223333:root", element(call(Caller.root(SCOPE), Map.of("Action", "GetCallerIdentity")), "Arn"));
    }

    @Test
    void aMalformedRoleSessionNameOrDurationIsAValidationError() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("Action", "AssumeRole", "RoleArn", "arn:aws:iam::444455556666:user/orders", "RoleSessionName", "drill"),
                Map.of("Action", "AssumeRole", "RoleArn", ROLE, "RoleSessionName", "no spaces allowed"),
                Map.of("Action", "AssumeRole", "RoleArn", ROLE, "RoleSessionName", "drill", "DurationSeconds", "60"),
                Map.of("Action", "AssumeRole", "RoleArn", ROLE, "RoleSessionName", "drill", "DurationSeconds", "43201"))) {
            ApiResponse refused = call(Caller.root(SCOPE), bad);
            assertEquals(400, refused.status(), bad.toString());
            assertEquals("ValidationError", refused.errorCode(), refused.body());
        }
    }
}
