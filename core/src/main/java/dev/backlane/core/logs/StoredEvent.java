package dev.backlane.core.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.LogEvent;

/** An event as reads return it: the stream it is in, where it sits there, when it was ingested. */
public record StoredEvent(String streamName, EventPosition position, long ingestionTime, LogEvent event) {
    public StoredEvent {
        requireNonNull(streamName, "streamName is null");
        requireNonNull(position, "position is null");
        requireNonNull(event, "event is null");
    }

    public long timestamp() {
        return event.timestamp();
    }

    public String message() {
        return event.message();
    }

    /** The event's ID as FilterLogEvents gives it: its position, 56 digits like AWS's. */
    public String eventId() {
        return position.digits();
    }
}
