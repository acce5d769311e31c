package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A telemetry sink's delivery run: how many records it was offered ({@code offered}: flow-log lines, query-log
 * records, events its inbox could not take) and how many reached their destination ({@code delivered}). M9, telemetry
 * ingestion success, is their ratio; a destination that cannot be written, or a format Backlane does not write, shows
 * as records offered and not delivered. Records held back (an F8 fault's delay) are offered in the run that held them
 * and delivered in a later one, whose {@code delivered} then exceeds its {@code offered}: over a window that holds both
 * runs the ratio is whole again, over one that holds only the first it shows the lag.
 */
public record TelemetryDeliveryEvent(String sink, Instant at, long offered, long delivered) implements Event {
    public static final String FLOW_LOGS = "flow-logs";
    public static final String QUERY_LOGS = "query-logs";
    /** The CloudWatch data the server publishes on AWS's behalf (PrivateLink metrics). */
    public static final String METRICS = "metrics";

    public TelemetryDeliveryEvent {
        requireNonNull(sink, "sink is null");
        requireNonNull(at, "at is null");
        if (offered < 0 || delivered < 0) {
            throw new IllegalArgumentException("offered (" + offered + ") and delivered (" + delivered + ") must not be negative");
        }
    }
}
