package dev.backlane.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDeliveryTest {
    private final LogsTestCloud cloud = new LogsTestCloud();
    private final LogDelivery delivery = new LogDelivery(LogEventCommands.standard());

    @Test
    void deliveryCreatesTheGroupAndStreamAndPutsRecordsInTimeOrder() {
        long now = cloud.nowMillis();
        LogDelivery.Delivered delivered = cloud.write(t -> delivery.deliver(t, "/vpc/flow", "eni-0a1b2c3d-all",
                List.of(new LogEvent(now - 10, "second"), new LogEvent(now - 20, "first"))));
        assertEquals(new LogDelivery.Delivered(2, 0), delivered);
        assertTrue(cloud.state().find(ResourceTypes.LOG_GROUP, "/vpc/flow").isPresent());
        LogStream stream = cloud.state().find(ResourceTypes.LOG_STREAM, LogStream.idOf("/vpc/flow", "eni-0a1b2c3d-all")).orElseThrow();
        assertEquals(now - 20, stream.firstEventTimestamp());
        List<StoredEvent> events = new LogEventQueries(LogLimits.standard()).getLogEvents(cloud.state(), cloud.now(), "/vpc/flow",
                "eni-0a1b2c3d-all", new LogEventQueries.EventRequest(null, null, true, null, null)).events();
        assertEquals(List.of("first", "second"), events.stream().map(StoredEvent::message).toList());
    }

    @Test
    void deliveryKeepsAnExistingGroupsRetentionAndDropsWhatPutLogEventsWouldReject() {
        cloud.write(t -> new LogGroupCommands(LogLimits.standard()).create(t, "/vpc/flow", null, null, null));
        cloud.write(t -> new LogGroupCommands(LogLimits.standard()).putRetentionPolicy(t, "/vpc/flow", 1));
        long now = cloud.nowMillis();
        LogDelivery.Delivered delivered = cloud.write(t -> delivery.deliver(t, "/vpc/flow", "s", List.of(
                new LogEvent(now - Duration.ofDays(2).toMillis(), "expired"), new LogEvent(now, "kept"),
                new LogEvent(now + Duration.ofHours(3).toMillis(), "too new"))));
        assertEquals(new LogDelivery.Delivered(1, 2), delivered);
        assertEquals(1, cloud.state().find(ResourceTypes.LOG_GROUP, "/vpc/flow").orElseThrow().retentionInDays());
    }

    @Test
    void largeDeliveriesAreCutIntoBatchesPutLogEventsAccepts() {
        long now = cloud.nowMillis();
        List<LogEvent> records = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            records.add(new LogEvent(now - 25_000 + i, "r" + i));
        }
        assertEquals(new LogDelivery.Delivered(25_000, 0), cloud.write(t -> delivery.deliver(t, "g", "s", records)));
        assertEquals(3, LogGroupQueries.batchesOf(cloud.state(), "g", "s").size());
    }
}
