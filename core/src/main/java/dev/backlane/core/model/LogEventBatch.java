package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The events one PutLogEvents call (or one delivery) appended to a stream, in time order, with their
 * common ingestion time. Its ID, {@code group:stream:number} with the number in fixed-width hex, sorts the
 * batches of a stream together in the order they arrived, so a stream's events are one range of the table.
 */
public record LogEventBatch(String id, String groupName, String streamName, long number, long ingestionTime, List<LogEvent> events)
        implements Resource {
    public LogEventBatch {
        requireNonNull(id, "id is null");
        requireNonNull(groupName, "groupName is null");
        requireNonNull(streamName, "streamName is null");
        events = List.copyOf(events);
    }

    public static LogEventBatch of(String groupName, String streamName, long number, long ingestionTime, List<LogEvent> events) {
        return new LogEventBatch(prefixOf(groupName, streamName) + String.format("%016x", number), groupName, streamName, number,
                ingestionTime, events);
    }

    /** The prefix the IDs of a stream's batches share. */
    public static String prefixOf(String groupName, String streamName) {
        return LogStream.idOf(groupName, streamName) + ":";
    }

    /** The bytes the batch holds as AWS counts an upload: each message's UTF-8 bytes and 26 more per event. */
    public long bytes() {
        long bytes = 0;
        for (LogEvent event : events) {
            bytes += LogEventSizes.sizeOf(event);
        }
        return bytes;
    }
}
