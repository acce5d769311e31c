package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Values for one metric at one time, validated: what a PutMetricData entry, or Backlane's own publisher, adds.
 * {@code storageResolution} is 1 (high resolution, kept per second) or 60 (standard, kept per minute); the
 * unit is AWS's name ({@code Bytes}, {@code Count}, {@code None}).
 */
public record MetricDatum(MetricKey key, Instant timestamp, String unit, int storageResolution, Samples samples) {
    public MetricDatum {
        requireNonNull(key, "key is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(samples, "samples is null");
        if (storageResolution != 1 && storageResolution != 60) {
            throw new IllegalArgumentException("storageResolution must be 1 or 60: " + storageResolution);
        }
    }
}
