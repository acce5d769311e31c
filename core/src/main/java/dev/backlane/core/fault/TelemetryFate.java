package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What the active F8 faults do to one telemetry record (a flow-log line, a metric datum, a query-log record): lose it,
 * or hold it back for a delay before it is delivered; {@link #DELIVERED} when none covers it. The faults covering it
 * are asked in the order made: the first that loses it loses it; otherwise it waits for the longest delay.
 */
public record TelemetryFate(boolean lost, Duration delay) {
    public static final TelemetryFate DELIVERED = new TelemetryFate(false, Duration.ZERO);
    public static final TelemetryFate LOST = new TelemetryFate(true, Duration.ZERO);

    public TelemetryFate {
        requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay " + delay + " is negative");
        }
    }

    /** Whether it is delivered now: neither lost nor late. */
    public boolean now() {
        return !lost && delay.isZero();
    }

    /**
     * The fate of a record of this kind under the F8 faults covering it; {@code shares} gives each fault's even share
     * of records lost (one per fault, so its percentage holds over all the records it covers).
     */
    public static TelemetryFate of(TelemetryKind kind, List<Fault> covering, java.util.function.Function<Fault, EvenShare> shares) {
        Duration delay = Duration.ZERO;
        for (Fault fault : covering) {
            FaultParameters parameters = fault.parameters();
            if (fault.kind() != FaultKind.F8_TELEMETRY_LOSS || !parameters.covers(kind)) {
                continue;
            }
            if (parameters.percentage().isPresent() && shares.apply(fault).next()) {
                return LOST;
            }
            Duration late = parameters.delay().orElse(Duration.ZERO);
            delay = late.compareTo(delay) > 0 ? late : delay;
        }
        return delay.isZero() ? DELIVERED : new TelemetryFate(false, delay);
    }
}
