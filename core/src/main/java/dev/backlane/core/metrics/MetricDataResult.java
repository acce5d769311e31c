package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** One query's answer in GetMetricData: its ID and label, the timestamps and values, and whether they are all of them. */
public record MetricDataResult(String id, String label, List<Instant> timestamps, List<Double> values, Status status) {
    public MetricDataResult {
        requireNonNull(id, "id is null");
        requireNonNull(label, "label is null");
        timestamps = List.copyOf(timestamps);
        values = List.copyOf(values);
        requireNonNull(status, "status is null");
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
