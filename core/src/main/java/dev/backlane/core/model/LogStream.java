package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A log stream of a log group, identified by {@code group:stream} (neither name may hold a colon). It
 * counts what was appended to it — the events themselves are kept in {@link LogEventBatch}es —
 * so describing streams reads no events. {@code batches} is how many batches were ever appended: it
 * numbers the next one, so event positions never repeat after old batches are dropped.
 */
public record LogStream(String id, String groupName, String name, Instant creationTime, Long firstEventTimestamp,
        Long lastEventTimestamp, Long lastIngestionTime, long storedBytes, long batches) implements Resource {
    public LogStream {
        requireNonNull(id, "id is null");
        requireNonNull(groupName, "groupName is null");
        requireNonNull(name, "name is null");
        requireNonNull(creationTime, "creationTime is null");
    }

    public static String idOf(String groupName, String streamName) {
        return groupName + ":" + streamName;
    }

    public static LogStream created(String groupName, String streamName, Instant creationTime) {
        return new LogStream(idOf(groupName, streamName), groupName, streamName, creationTime, null, null, null, 0, 0);
    }

    /** The stream after a batch of events (in time order) ingested at {@code ingestionTime} and holding {@code bytes}. */
    public LogStream appended(long firstTimestamp, long lastTimestamp, long ingestionTime, long bytes) {
        return new LogStream(id, groupName, name, creationTime,
                firstEventTimestamp == null ? firstTimestamp : Math.min(firstEventTimestamp, firstTimestamp),
                lastEventTimestamp == null ? lastTimestamp : Math.max(lastEventTimestamp, lastTimestamp),
                ingestionTime, storedBytes + bytes, batches + 1);
    }

    /** The stream after old batches holding {@code bytes} were dropped. */
    public LogStream dropped(long bytes) {
        return new LogStream(id, groupName, name, creationTime, firstEventTimestamp, lastEventTimestamp, lastIngestionTime,
                Math.max(0, storedBytes - bytes), batches);
    }

    public String arn(Scope scope) {
        return "arn:aws:logs:" + scope.region() + ":" + scope.account() + ":log-group:" + groupName + ":log-stream:" + name;
    }
}
