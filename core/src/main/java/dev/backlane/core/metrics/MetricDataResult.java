package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One time series of GetMetricData's answer: the query's ID and the series' label, the timestamps and values, whether
 * they are all of them, and messages about them (data points a math expression dropped). An expression that gives an
 * array of time series answers with one result per series, all with its ID.
 */
public record MetricDataResult(String id, String label, List<Instant> timestamps, List<Double> values, Status status, List<Message> messages) {
    public MetricDataResult {
        requireNonNull(id, "id is null");
        requireNonNull(label, "label is null");
        timestamps = List.copyOf(timestamps);
        values = List.copyOf(values);
        requireNonNull(status, "status is null");
        messages = List.copyOf(messages);
    }

    /** A {@code MessageData}: a code and its text. */
    public record Message(String code, String value) {
        public Message {
            requireNonNull(code, "code is null");
            requireNonNull(value, "value is null");
        }
    }

    /** {@code Complete}, or {@code PartialData} when more pages follow ({@code NextToken}). */
    public enum Status {
        COMPLETE("Complete"),
        PARTIAL_DATA("PartialData");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
