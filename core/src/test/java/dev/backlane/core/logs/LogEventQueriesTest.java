package dev.backlane.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.LogEventQueries.EventPage;
import dev.backlane.core.logs.LogEventQueries.EventRequest;
import dev.backlane.core.logs.LogEventQueries.FilterRequest;
import dev.backlane.core.logs.LogEventQueries.FilteredPage;
import dev.backlane.core.model.LogEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogEventQueriesTest {
    private final LogsTestCloud cloud = new LogsTestCloud();
    private final LogGroupCommands groups = new LogGroupCommands(LogLimits.standard());
    private final LogStreamCommands streams = new LogStreamCommands();
    private final LogEventCommands commands = LogEventCommands.standard();
    private final LogEventQueries queries = new LogEventQueries(LogLimits.standard());
    private long base;

    @BeforeEach
    void fiveEventsInTwoBatches() {
        base = cloud.nowMillis() - 60_000;
        cloud.write(t -> groups.create(t, "g", null, null, null));
        cloud.write(t -> streams.create(t, "g", "s"));
        put("s", new LogEvent(base + 1, "e1"), new LogEvent(base + 3, "e3"), new LogEvent(base + 5, "e5"));
        // A later batch whose events fall between the first batch's: reads interleave them by time.
        put("s", new LogEvent(base + 2, "e2"), new LogEvent(base + 4, "e4"));
    }

    private void put(String stream, LogEvent... events) {
        cloud.write(t -> commands.put(t, "g", stream, List.of(events)));
    }

    private EventPage get(boolean fromHead, Integer limit, String token) {
        return queries.getLogEvents(cloud.state(), cloud.now(), "g", "s", new EventRequest(null, null, fromHead, limit, token));
    }

    private static List<String> messages(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::message).toList();
    }

    @Test
    void withoutATokenTheLatestEventsComeUnlessStartFromHead() {
        assertEquals(List.of("e4", "e5"), messages(get(false, 2, null).events()));
        assertEquals(List.of("e1", "e2"), messages(get(true, 2, null).events()));
    }

    @Test
    void forwardTokensPageToTheEndAndThenRepeat() {
        EventPage first = get(true, 2, null);
        assertTrue(first.nextForwardToken().matches("f/\\d{56}/s"), first.nextForwardToken());
        assertTrue(first.nextBackwardToken().matches("b/\\d{56}/s"), first.nextBackwardToken());
        EventPage second = get(true, 2, first.nextForwardToken());
        assertEquals(List.of("e3", "e4"), messages(second.events()));
        EventPage third = get(true, 2, second.nextForwardToken());
        assertEquals(List.of("e5"), messages(third.events()));
        EventPage end = get(true, 2, third.nextForwardToken());
        assertEquals(List.of(), end.events());
        assertEquals(third.nextForwardToken(), end.nextForwardToken());
    }

    @Test
    void backwardTokensPageTowardsTheStart() {
        EventPage latest = get(false, 2, null);
        EventPage before = get(false, 2, latest.nextBackwardToken());
        assertEquals(List.of("e2", "e3"), messages(before.events()));
        EventPage first = get(false, 2, before.nextBackwardToken());
        assertEquals(List.of("e1"), messages(first.events()));
        EventPage start = get(false, 2, first.nextBackwardToken());
        assertEquals(List.of(), start.events());
        assertEquals(first.nextBackwardToken(), start.nextBackwardToken());
    }

    @Test
    void newEventsAppearAfterTheLastForwardToken() {
        EventPage all = get(true, null, null);
        put("s", new LogEvent(base + 6, "e6"));
        assertEquals(List.of("e6"), messages(get(true, null, all.nextForwardToken()).events()));
    }

    @Test
    void startTimeIsInclusiveAndEndTimeExclusive() {
        EventPage page = queries.getLogEvents(cloud.state(), cloud.now(), "g", "s", new EventRequest(base + 2, base + 4, true, null, null));
        assertEquals(List.of("e2", "e3"), messages(page.events()));
    }

    @Test
    void eventsOlderThanTheRetentionAreNotRead() {
        cloud.write(t -> groups.putRetentionPolicy(t, "g", 1));
        cloud.advance(Duration.ofDays(1));
        assertEquals(List.of(), get(true, null, null).events());
    }

    @Test
    void malformedTokensAndLimitsAreRefused() {
        for (String token : List.of("x", "f/123/s", "f/" + "1".repeat(56) + "/x")) {
            AwsException error = assertThrows(AwsException.class, () -> get(true, null, token), token);
            assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, error.code());
        }
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, assertThrows(AwsException.class, () -> get(true, 10_001, null)).code());
    }

    @Test
    void filterInterleavesStreamsAndPagesWithATokenUntilNone() {
        cloud.write(t -> streams.create(t, "g", "t"));
        put("t", new LogEvent(base + 2, "t2 ERROR"), new LogEvent(base + 7, "t7 ERROR"));
        put("s", new LogEvent(base + 8, "e8 ERROR"));
        FilterRequest request = new FilterRequest(null, null, null, null, "ERROR", 2, null);
        FilteredPage first = queries.filterLogEvents(cloud.state(), cloud.now(), "g", request);
        assertEquals(List.of("t2 ERROR", "t7 ERROR"), messages(first.events()));
        assertEquals("t", first.events().get(0).streamName());
        FilteredPage second = queries.filterLogEvents(cloud.state(), cloud.now(), "g",
                new FilterRequest(null, null, null, null, "ERROR", 2, first.nextToken()));
        assertEquals(List.of("e8 ERROR"), messages(second.events()));
        assertNull(second.nextToken());
    }

    @Test
    void filterReadsOnlyTheNamedOrPrefixedStreams() {
        cloud.write(t -> streams.create(t, "g", "t"));
        put("t", new LogEvent(base + 2, "t2"));
        assertEquals(List.of("t2"), messages(queries.filterLogEvents(cloud.state(), cloud.now(), "g",
                new FilterRequest(List.of("t"), null, null, null, null, null, null)).events()));
        assertEquals(5, queries.filterLogEvents(cloud.state(), cloud.now(), "g",
                new FilterRequest(null, "s", null, null, null, null, null)).events().size());
        AwsException both = assertThrows(AwsException.class, () -> queries.filterLogEvents(cloud.state(), cloud.now(), "g",
                new FilterRequest(List.of("t"), "s", null, null, null, null, null)));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, both.code());
    }

    @Test
    void aResponseHoldsAtMostOneMebibyte() {
        for (int i = 0; i < 3; i++) {
            put("s", new LogEvent(base + 10 + i, "x".repeat(400_000)));
        }
        EventPage page = get(true, null, null);
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), messages(page.events()).subList(0, 5));
        assertEquals(7, page.events().size());
        assertEquals(1, get(true, null, page.nextForwardToken()).events().size());
    }
}
