package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/** One log event as it was put: its timestamp (epoch milliseconds) and message. */
public record LogEvent(long timestamp, String message) {
    public LogEvent {
        requireNonNull(message, "message is null");
    }
}
