package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fault's parameters, each meaningful for some kinds only ({@link FaultCommand} refuses the others):
 * <ul>
 * <li>F4's {@code actions}, the IAM actions its Deny statement names (wildcards as in a policy, default {@code *});
 * <li>F7's {@code operations} (the model's operation names it throttles, default all), and either {@code percentage}
 * (the share of calls throttled, 1-100) or {@code requestsPerSecond} (the rate admitted, calls beyond it throttled);
 * F7's added latency is its {@code toxic}, a latency toxic on the replies;
 * <li>{@code TOXIC}'s {@code toxic};
 * <li>F5's {@code bytesPerSecond} and {@code totalBytes}, the rate and volume of the extra traffic;
 * <li>F6's {@code mode}, how established connections break;
 * <li>F8's {@code percentage} (the share of telemetry records lost), {@code delay} (how late the others arrive) and
 * {@code telemetry} (which kinds; all when none is named).
 * </ul>
 */
public record FaultParameters(List<String> actions, List<String> operations, Optional<Integer> percentage, Optional<Double> requestsPerSecond,
        Optional<Toxic> toxic, Optional<StreamBreak> mode, Optional<Long> bytesPerSecond, Optional<Long> totalBytes, Optional<Duration> delay,
        Set<TelemetryKind> telemetry) {
    public FaultParameters {
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
        operations = List.copyOf(requireNonNull(operations, "operations is null"));
        requireNonNull(percentage, "percentage is null");
        requireNonNull(requestsPerSecond, "requestsPerSecond is null");
        requireNonNull(toxic, "toxic is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(bytesPerSecond, "bytesPerSecond is null");
        requireNonNull(totalBytes, "totalBytes is null");
        requireNonNull(delay, "delay is null");
        telemetry = requireNonNull(telemetry, "telemetry is null").isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(telemetry));
    }

    /** The parameters of F4 and F7 (throttling only). */
    public FaultParameters(List<String> actions, List<String> operations, Optional<Integer> percentage, Optional<Double> requestsPerSecond) {
        this(actions, operations, percentage, requestsPerSecond, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of());
    }

    public static FaultParameters none() {
        return new FaultParameters(List.of(), List.of(), Optional.empty(), Optional.empty());
    }

    /** The parameters of a {@code TOXIC} fault. */
    public static FaultParameters of(Toxic toxic) {
        return none().withToxic(toxic);
    }

    public FaultParameters withToxic(Toxic value) {
        return new FaultParameters(actions, operations, percentage, requestsPerSecond, Optional.of(value), mode, bytesPerSecond, totalBytes, delay,
                telemetry);
    }

    /** Whether an F7 fault with these parameters throttles calls (one asked only to add latency does not). */
    public boolean throttles() {
        return percentage.isPresent() || requestsPerSecond.isPresent();
    }

    /** Whether F8 acts on this kind of telemetry (all kinds when none was named). */
    public boolean covers(TelemetryKind kind) {
        return telemetry.isEmpty() || telemetry.contains(kind);
    }
}
