package dev.backlane.core.cost;

import java.util.Optional;

/**
 * The cost-anomaly signal for F5 (a data cost spike): a component whose last complete hour carried more than twice its
 * baseline — the mean of the complete hours before it, up to a day — and at least {@link #FLOOR_BYTES}, the guide's
 * default ticket rule ("2x baseline for 1 hour"). Without an hour of baseline there is no signal.
 */
public final class CostAnomaly {
    public static final double FACTOR = 2.0;
    /** Below this an hour is noise, however it compares: 10 MB. */
    public static final long FLOOR_BYTES = 10_000_000L;
    private static final int BASELINE_HOURS = 24;

    /** The signal: the last hour's bytes against the baseline's, and their ratio. */
    public record Signal(String componentId, long lastHourBytes, double baselineBytes, double ratio) {}

    private CostAnomaly() {}

    /** {@code hourlyBytes}: complete hours, oldest first, the last being the hour judged. */
    public static Optional<Signal> detect(String componentId, long[] hourlyBytes) {
        if (hourlyBytes.length < 2) {
            return Optional.empty();
        }
        long last = hourlyBytes[hourlyBytes.length - 1];
        int from = Math.max(0, hourlyBytes.length - 1 - BASELINE_HOURS);
        double sum = 0;
        for (int i = from; i < hourlyBytes.length - 1; i++) {
            sum += hourlyBytes[i];
        }
        double baseline = sum / (hourlyBytes.length - 1 - from);
        if (last < FLOOR_BYTES || last <= FACTOR * baseline) {
            return Optional.empty();
        }
        return Optional.of(new Signal(componentId, last, baseline, baseline == 0 ? Double.POSITIVE_INFINITY : last / baseline));
    }
}
