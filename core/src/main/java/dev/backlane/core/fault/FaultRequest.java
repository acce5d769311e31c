package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fault as asked for, not yet checked: the kind's label, the scope by wire names ({@code vpcId}, {@code service},
 * ...), the parameters, an ISO 8601 start time (default now) and duration (default {@link FaultCommand#DEFAULT_DURATION}).
 * {@link FaultCommand} turns it into a {@link Fault} or refuses it. The parameters are those of {@link FaultParameters}
 * as given: F7's {@code latency} and {@code jitter} in milliseconds, F8's {@code delay} as an ISO 8601 duration.
 */
public record FaultRequest(Optional<String> kind, Map<String, String> scope, List<String> actions, List<String> operations,
        Optional<Integer> percentage, Optional<Double> requestsPerSecond, Optional<String> startTime, Optional<String> duration,
        Optional<ToxicRequest> toxic, Optional<Long> latency, Optional<Long> jitter, Optional<String> mode, Optional<Long> bytesPerSecond,
        Optional<Long> totalBytes, Optional<String> delay, List<String> telemetry) {
    public FaultRequest {
        requireNonNull(kind, "kind is null");
        scope = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(scope, "scope is null")));
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
        operations = List.copyOf(requireNonNull(operations, "operations is null"));
        requireNonNull(percentage, "percentage is null");
        requireNonNull(requestsPerSecond, "requestsPerSecond is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(toxic, "toxic is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(jitter, "jitter is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(bytesPerSecond, "bytesPerSecond is null");
        requireNonNull(totalBytes, "totalBytes is null");
        requireNonNull(delay, "delay is null");
        telemetry = List.copyOf(requireNonNull(telemetry, "telemetry is null"));
    }

    /** A request with the parameters of F4 and F7's throttling only. */
    public FaultRequest(Optional<String> kind, Map<String, String> scope, List<String> actions, List<String> operations, Optional<Integer> percentage,
            Optional<Double> requestsPerSecond, Optional<String> startTime, Optional<String> duration) {
        this(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** A request for a fault of the kind over the scope, with no parameters, starting now for the default duration. */
    public static FaultRequest of(String kind, Map<String, String> scope) {
        return new FaultRequest(Optional.of(kind), scope, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public FaultRequest withActions(List<String> more) {
        return new FaultRequest(kind, scope, more, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, totalBytes, delay, telemetry);
    }

    public FaultRequest withOperations(List<String> more) {
        return new FaultRequest(kind, scope, actions, more, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, totalBytes, delay, telemetry);
    }

    public FaultRequest withPercentage(int value) {
        return new FaultRequest(kind, scope, actions, operations, Optional.of(value), requestsPerSecond, startTime, duration, toxic, latency, jitter,
                mode, bytesPerSecond, totalBytes, delay, telemetry);
    }

    public FaultRequest withRequestsPerSecond(double value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, Optional.of(value), startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, totalBytes, delay, telemetry);
    }

    public FaultRequest withStartTime(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, Optional.of(value), duration, toxic, latency, jitter,
                mode, bytesPerSecond, totalBytes, delay, telemetry);
    }

    public FaultRequest withDuration(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, Optional.of(value), toxic, latency, jitter,
                mode, bytesPerSecond, totalBytes, delay, telemetry);
    }

    /** A {@code TOXIC} fault's toxic. */
    public FaultRequest withToxic(ToxicRequest value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, Optional.of(value), latency,
                jitter, mode, bytesPerSecond, totalBytes, delay, telemetry);
    }

    /** F7's added latency, in milliseconds, plus or minus {@code jitterMilliseconds}. */
    public FaultRequest withLatency(long milliseconds, long jitterMilliseconds) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, Optional.of(milliseconds),
                Optional.of(jitterMilliseconds), mode, bytesPerSecond, totalBytes, delay, telemetry);
    }

    /** F6's mode: {@code reset} or {@code stall}. */
    public FaultRequest withMode(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter,
                Optional.of(value), bytesPerSecond, totalBytes, delay, telemetry);
    }

    /** F5's extra traffic: its rate and total volume in bytes. */
    public FaultRequest withTraffic(long perSecond, long total) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                Optional.of(perSecond), Optional.of(total), delay, telemetry);
    }

    /** F5's extra traffic: its total volume in bytes, at the default rate. */
    public FaultRequest withTotalBytes(long total) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, Optional.of(total), delay, telemetry);
    }

    /** F8's lag, an ISO 8601 duration. */
    public FaultRequest withDelay(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, totalBytes, Optional.of(value), telemetry);
    }

    /** F8's kinds of telemetry: {@code flowLogs}, {@code metrics}, {@code queryLogs}. */
    public FaultRequest withTelemetry(List<String> value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, duration, toxic, latency, jitter, mode,
                bytesPerSecond, totalBytes, delay, value);
    }
}
