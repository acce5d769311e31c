package dev.backlane.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogEventCommandsTest {
    private final LogsTestCloud cloud = new LogsTestCloud();
    private final LogGroupCommands groups = new LogGroupCommands(LogLimits.standard());
    private final LogStreamCommands streams = new LogStreamCommands();
    private final LogEventCommands events = LogEventCommands.standard();

    @BeforeEach
    void createGroupAndStream() {
        cloud.write(t -> groups.create(t, "/app/web", null, null, Map.of()));
        cloud.write(t -> streams.create(t, "/app/web", "i-1"));
    }

    private RejectedEvents put(List<LogEvent> batch) {
        return cloud.write(t -> events.put(t, "/app/web", "i-1", batch));
    }

    private AwsException refused(List<LogEvent> batch) {
        return assertThrows(AwsException.class, () -> put(batch));
    }

    @Test
    void acceptedEventsUpdateTheStreamsTimestampsAndBytes() {
        long now = cloud.nowMillis();
        RejectedEvents result = put(List.of(new LogEvent(now - 1000, "first"), new LogEvent(now - 10, "second")));
        assertEquals(2, result.accepted());
        assertTrue(!result.any());
        LogStream stream = cloud.state().find(ResourceTypes.LOG_STREAM, LogStream.idOf("/app/web", "i-1")).orElseThrow();
        assertEquals(now - 1000, stream.firstEventTimestamp());
        assertEquals(now - 10, stream.lastEventTimestamp());
        assertEquals(now, stream.lastIngestionTime());
        assertEquals(5 + 26 + 6 + 26, stream.storedBytes());
    }

    @Test
    void aBatchOverOneMebibyteCountingTwentySixBytesPerEventIsRefused() {
        long now = cloud.nowMillis();
        // 1,048,576 bytes exactly: 4 events of 262,118 message bytes plus 26 each.
        List<LogEvent> exact = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            exact.add(new LogEvent(now, "x".repeat(262_118)));
        }
        assertEquals(4, put(exact).accepted());
        List<LogEvent> over = new ArrayList<>(exact);
        over.set(3, new LogEvent(now, "x".repeat(262_119)));
        AwsException error = refused(over);
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, error.code());
        assertEquals("Upload too large: 1048577 bytes exceeds limit of 1048576", error.getMessage());
    }

    @Test
    void moreThanTenThousandEventsAreRefused() {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            batch.add(new LogEvent(cloud.nowMillis(), "e"));
        }
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, refused(batch).code());
        assertEquals(10_000, put(batch.subList(0, 10_000)).accepted());
    }

    @Test
    void eventsOutOfOrderOrSpanningMoreThanADayAreRefused() {
        long now = cloud.nowMillis();
        assertEquals("Log events in a single PutLogEvents request must be in chronological order.",
                refused(List.of(new LogEvent(now, "b"), new LogEvent(now - 1, "a"))).getMessage());
        AwsException span = refused(List.of(new LogEvent(now - Duration.ofHours(24).toMillis() - 1, "a"), new LogEvent(now, "b")));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, span.code());
    }

    @Test
    void tooOldAndTooNewEventsAreLeftOutAndReportedWithAwsIndexes() {
        long now = cloud.nowMillis();
        long day = Duration.ofDays(1).toMillis();
        // Days 15 and 14.5 ago are too old, but a batch spans at most a day, so put them in one batch each with recent ones.
        RejectedEvents old = put(List.of(new LogEvent(now - 14 * day - 2, "old"), new LogEvent(now - 14 * day - 1, "old"),
                new LogEvent(now - 13 * day - 12 * 3_600_000L, "kept")));
        assertEquals(2, old.tooOldEnd());
        assertNull(old.tooNewStart());
        assertEquals(1, old.accepted());
        RejectedEvents future = put(List.of(new LogEvent(now, "kept"), new LogEvent(now + 2 * 3_600_000L, "edge"),
                new LogEvent(now + 2 * 3_600_000L + 1, "new")));
        assertEquals(2, future.tooNewStart());
        assertNull(future.tooOldEnd());
        assertEquals(2, future.accepted());
    }

    @Test
    void eventsOlderThanTheRetentionAreReportedExpired() {
        cloud.write(t -> groups.putRetentionPolicy(t, "/app/web", 1));
        long now = cloud.nowMillis();
        RejectedEvents result = put(List.of(new LogEvent(now - Duration.ofHours(25).toMillis(), "expired"),
                new LogEvent(now - Duration.ofHours(2).toMillis(), "kept")));
        assertEquals(1, result.expiredEnd());
        assertNull(result.tooOldEnd());
        assertEquals(1, result.accepted());
    }

    @Test
    void aMissingGroupOrStreamIsResourceNotFound() {
        List<LogEvent> batch = List.of(new LogEvent(cloud.nowMillis(), "m"));
        AwsException group = assertThrows(AwsException.class, () -> cloud.write(t -> events.put(t, "/nope", "i-1", batch)));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, group.code());
        assertEquals("The specified log group does not exist.", group.getMessage());
        AwsException stream = assertThrows(AwsException.class, () -> cloud.write(t -> events.put(t, "/app/web", "nope", batch)));
        assertEquals("The specified log stream does not exist.", stream.getMessage());
    }

    @Test
    void aStreamOverItsCapLosesItsOldestBatches() {
        LogEventCommands capped = new LogEventCommands(LogLimits.standard(), LogLimits.standard().maxBatchBytes());
        String message = "x".repeat(400_000);
        for (int i = 0; i < 4; i++) {
            int n = i;
            cloud.write(t -> capped.put(t, "/app/web", "i-1", List.of(new LogEvent(cloud.nowMillis() + n, message))));
        }
        var batches = LogGroupQueries.batchesOf(cloud.state(), "/app/web", "i-1");
        assertEquals(List.of(2L, 3L), batches.stream().map(batch -> batch.number()).toList());
        LogStream stream = cloud.state().find(ResourceTypes.LOG_STREAM, LogStream.idOf("/app/web", "i-1")).orElseThrow();
        assertEquals(2 * (400_000 + 26), stream.storedBytes());
    }
}
