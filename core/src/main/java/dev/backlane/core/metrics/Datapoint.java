package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The samples of one period of a metric, starting at {@code timestamp}, in {@code unit}. */
public record Datapoint(Instant timestamp, Samples samples, String unit) {
    public Datapoint {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(samples, "samples is null");
        requireNonNull(unit, "unit is null");
    }
}
