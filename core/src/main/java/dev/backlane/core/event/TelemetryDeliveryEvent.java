package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A telemetry sink's delivery run: how many records it was offered ({@code offered}: flow-log lines, query-log
 * records, events its inbox could not take) and how many reached their destination ({@code delivered}). M9, telemetry
 * ingestion success, is their ratio; a destination that cannot be written, or a format Backlane does not write, shows
 * as records offered and not delivered.
 */
public record TelemetryDeliveryEvent(String sink, Instant at, long offered, long delivered) implements Event {
    public static final String FLOW_LOGS = "flow-logs";
    public static final String QUERY_LOGS = "query-logs";

    public TelemetryDeliveryEvent {
        requireNonNull(sink, "sink is null");
        requireNonNull(at, "at is null");
        if (offered < 0 || delivered < 0 || delivered > offered) {
            throw new IllegalArgumentException("delivered must be between 0 and offered (" + offered + "), not " + delivered);
        }
    }
}
