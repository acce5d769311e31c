package dev.backlane.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.LogGroupQueries.Page;
import dev.backlane.core.logs.LogGroupQueries.StreamOrder;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogGroupQueriesTest {
    private final LogsTestCloud cloud = new LogsTestCloud();
    private final LogGroupCommands groups = new LogGroupCommands(LogLimits.standard());
    private final LogStreamCommands streams = new LogStreamCommands();

    private void groups(String... names) {
        for (String name : names) {
            cloud.write(t -> groups.create(t, name, null, null, null));
        }
    }

    private static List<String> names(Page<LogGroup> page) {
        return page.items().stream().map(LogGroup::name).toList();
    }

    @Test
    void groupsArePagedInNameOrderByPrefixOrSubstring() {
        groups("/aws/lambda/b", "/aws/lambda/a", "/aws/vpc/flow", "app-DataLogs", "datalogs");
        Page<LogGroup> first = LogGroupQueries.describeGroups(cloud.state(), "/aws/", null, null, 2, null);
        assertEquals(List.of("/aws/lambda/a", "/aws/lambda/b"), names(first));
        Page<LogGroup> second = LogGroupQueries.describeGroups(cloud.state(), "/aws/", null, null, 2, first.nextToken());
        assertEquals(List.of("/aws/vpc/flow"), names(second));
        assertNull(second.nextToken());
        assertEquals(List.of("app-DataLogs"), names(LogGroupQueries.describeGroups(cloud.state(), null, "DataLogs", null, 50, null)));
        AwsException both = assertThrows(AwsException.class, () -> LogGroupQueries.describeGroups(cloud.state(), "a", "b", null, 50, null));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, both.code());
        AwsException token = assertThrows(AwsException.class, () -> LogGroupQueries.describeGroups(cloud.state(), null, null, null, 50, "zz!"));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, token.code());
    }

    @Test
    void streamsAreOrderedByNameOrLastEventTimeEitherWay() {
        groups("g");
        for (String name : List.of("a", "b", "c")) {
            cloud.write(t -> streams.create(t, "g", name));
        }
        long now = cloud.nowMillis();
        cloud.write(t -> LogEventCommands.standard().put(t, "g", "a", List.of(new LogEvent(now - 1, "m"))));
        cloud.write(t -> LogEventCommands.standard().put(t, "g", "c", List.of(new LogEvent(now - 2, "m"))));
        Page<LogStream> byTime = LogGroupQueries.describeStreams(cloud.state(), "g", null, StreamOrder.LAST_EVENT_TIME, true, 2, null);
        assertEquals(List.of("a", "c"), byTime.items().stream().map(LogStream::name).toList());
        Page<LogStream> rest = LogGroupQueries.describeStreams(cloud.state(), "g", null, StreamOrder.LAST_EVENT_TIME, true, 2, byTime.nextToken());
        assertEquals(List.of("b"), rest.items().stream().map(LogStream::name).toList());
        assertNull(rest.nextToken());
        Page<LogStream> byName = LogGroupQueries.describeStreams(cloud.state(), "g", null, StreamOrder.LOG_STREAM_NAME, true, 50, null);
        assertEquals(List.of("c", "b", "a"), byName.items().stream().map(LogStream::name).toList());
        AwsException prefixed = assertThrows(AwsException.class,
                () -> LogGroupQueries.describeStreams(cloud.state(), "g", "a", StreamOrder.LAST_EVENT_TIME, false, 50, null));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, prefixed.code());
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, assertThrows(AwsException.class,
                () -> LogGroupQueries.describeStreams(cloud.state(), "h", null, StreamOrder.LOG_STREAM_NAME, false, 50, null)).code());
    }

    @Test
    void aGroupStoresTheBytesOfItsStreams() {
        groups("g");
        cloud.write(t -> streams.create(t, "g", "a"));
        cloud.write(t -> LogEventCommands.standard().put(t, "g", "a", List.of(new LogEvent(cloud.nowMillis(), "1234"))));
        assertEquals(30, LogGroupQueries.storedBytes(cloud.state(), "g"));
    }
}
