package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fault as asked for, not yet checked: the kind's label, the scope by wire names ({@code vpcId}, {@code service},
 * ...), the parameters, an ISO 8601 start time (default now) and duration (default {@link FaultCommand#DEFAULT_DURATION}).
 * {@link FaultCommand} turns it into a {@link Fault} or refuses it.
 */
public record FaultRequest(Optional<String> kind, Map<String, String> scope, List<String> actions, List<String> operations,
        Optional<Integer> percentage, Optional<Double> requestsPerSecond, Optional<String> startTime, Optional<String> duration) {
    public FaultRequest {
        requireNonNull(kind, "kind is null");
        scope = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(scope, "scope is null")));
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
        operations = List.copyOf(requireNonNull(operations, "operations is null"));
        requireNonNull(percentage, "percentage is null");
        requireNonNull(requestsPerSecond, "requestsPerSecond is null");
        requireNonNull(startTime, "startTime is null");
        requireNonNull(duration, "duration is null");
    }

    /** A request for a fault of the kind over the scope, with no parameters, starting now for the default duration. */
    public static FaultRequest of(String kind, Map<String, String> scope) {
        return new FaultRequest(Optional.of(kind), scope, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public FaultRequest withActions(List<String> more) {
        return new FaultRequest(kind, scope, more, operations, percentage, requestsPerSecond, startTime, duration);
    }

    public FaultRequest withOperations(List<String> more) {
        return new FaultRequest(kind, scope, actions, more, percentage, requestsPerSecond, startTime, duration);
    }

    public FaultRequest withPercentage(int value) {
        return new FaultRequest(kind, scope, actions, operations, Optional.of(value), requestsPerSecond, startTime, duration);
    }

    public FaultRequest withRequestsPerSecond(double value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, Optional.of(value), startTime, duration);
    }

    public FaultRequest withStartTime(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, Optional.of(value), duration);
    }

    public FaultRequest withDuration(String value) {
        return new FaultRequest(kind, scope, actions, operations, percentage, requestsPerSecond, startTime, Optional.of(value));
    }
}
