package dev.backlane.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.ResourceTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogGroupCommandsTest {
    private final LogsTestCloud cloud = new LogsTestCloud();
    private final LogGroupCommands groups = new LogGroupCommands(LogLimits.standard());
    private final LogStreamCommands streams = new LogStreamCommands();

    @Test
    void aGroupIsCreatedOnceWithItsClassAndTags() {
        LogGroup group = cloud.write(t -> groups.create(t, "/aws/vpc/flow-logs", null, null, Map.of("team", "net")));
        assertEquals("STANDARD", group.logGroupClass());
        assertEquals(LogsTestCloud.START, group.creationTime());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:/aws/vpc/flow-logs", group.arn(LogsTestCloud.SCOPE));
        AwsException again = assertThrows(AwsException.class, () -> cloud.write(t -> groups.create(t, "/aws/vpc/flow-logs", null, null, null)));
        assertEquals(ErrorCode.RESOURCE_ALREADY_EXISTS_EXCEPTION, again.code());
        assertEquals("The specified log group already exists", again.getMessage());
    }

    @Test
    void namesOutsideAwsRulesAreValidationErrorsNamingTheMember() {
        for (String bad : List.of("", "a b", "x".repeat(513), "group:1")) {
            AwsException error = assertThrows(AwsException.class, () -> cloud.write(t -> groups.create(t, bad, null, null, null)), bad);
            assertEquals(ErrorCode.VALIDATION_EXCEPTION, error.code());
            assertTrue(error.getMessage().contains("at 'logGroupName'"), error.getMessage());
        }
        cloud.write(t -> groups.create(t, "x".repeat(512), null, null, null));
        cloud.write(t -> groups.create(t, "a.b-c_d/e#f", null, null, null));
    }

    @Test
    void retentionTakesOnlyAwsValues() {
        cloud.write(t -> groups.create(t, "g", null, null, null));
        assertEquals(731, cloud.write(t -> groups.putRetentionPolicy(t, "g", 731)).retentionInDays());
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(t -> groups.putRetentionPolicy(t, "g", 4)));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, error.code());
        assertTrue(error.getMessage().contains("[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827"), error.getMessage());
        assertNull(cloud.write(t -> groups.deleteRetentionPolicy(t, "g")).retentionInDays());
    }

    @Test
    void deletingAGroupDeletesItsStreamsAndEventsButNotAnotherGroupsWithAPrefixName() {
        cloud.write(t -> groups.create(t, "g", null, null, null));
        cloud.write(t -> groups.create(t, "g2", null, null, null));
        cloud.write(t -> streams.create(t, "g", "s"));
        cloud.write(t -> streams.create(t, "g2", "s"));
        cloud.write(t -> LogEventCommands.standard().put(t, "g", "s", List.of(new LogEvent(cloud.nowMillis(), "m"))));
        cloud.write(t -> LogEventCommands.standard().put(t, "g2", "s", List.of(new LogEvent(cloud.nowMillis(), "m"))));
        cloud.write(t -> {
            groups.delete(t, "g");
            return null;
        });
        assertEquals(1, cloud.state().count(ResourceTypes.LOG_GROUP));
        assertEquals(1, cloud.state().count(ResourceTypes.LOG_STREAM));
        assertEquals(1, cloud.state().count(ResourceTypes.LOG_EVENT_BATCH));
    }

    @Test
    void tagsMergeAndUntagRemovesUpToFiftyPerGroup() {
        cloud.write(t -> groups.create(t, "g", null, null, Map.of("a", "1")));
        cloud.write(t -> groups.tag(t, "g", Map.of("b", "2", "a", "3")));
        assertEquals(Map.of("a", "3", "b", "2"), cloud.state().find(ResourceTypes.LOG_GROUP, "g").orElseThrow().tags());
        cloud.write(t -> groups.untag(t, "g", List.of("a")));
        assertEquals(Map.of("b", "2"), cloud.state().find(ResourceTypes.LOG_GROUP, "g").orElseThrow().tags());
        java.util.Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(t -> groups.tag(t, "g", many)));
        assertEquals(ErrorCode.TOO_MANY_TAGS_EXCEPTION, error.code());
    }

    @Test
    void aStreamNeedsItsGroupAndAColonFreeName() {
        AwsException missing = assertThrows(AwsException.class, () -> cloud.write(t -> streams.create(t, "g", "s")));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, missing.code());
        cloud.write(t -> groups.create(t, "g", null, null, null));
        AwsException colon = assertThrows(AwsException.class, () -> cloud.write(t -> streams.create(t, "g", "a:b")));
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, colon.code());
        cloud.write(t -> streams.create(t, "g", "a b/c"));
        AwsException twice = assertThrows(AwsException.class, () -> cloud.write(t -> streams.create(t, "g", "a b/c")));
        assertEquals("The specified log stream already exists", twice.getMessage());
    }
}
