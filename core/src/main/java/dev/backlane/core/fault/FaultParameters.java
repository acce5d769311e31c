package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A fault's parameters, each meaningful for some kinds only ({@link FaultCommand} refuses the others): F4's
 * {@code actions}, the IAM actions its Deny statement names (wildcards as in a policy, default {@code *}); F7's
 * {@code operations} (the model's operation names it throttles, default all), and either {@code percentage} (the
 * share of calls throttled, 1-100) or {@code requestsPerSecond} (the rate admitted, calls beyond it throttled).
 */
public record FaultParameters(List<String> actions, List<String> operations, Optional<Integer> percentage, Optional<Double> requestsPerSecond) {
    public FaultParameters {
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
        operations = List.copyOf(requireNonNull(operations, "operations is null"));
        requireNonNull(percentage, "percentage is null");
        requireNonNull(requestsPerSecond, "requestsPerSecond is null");
    }

    public static FaultParameters none() {
        return new FaultParameters(List.of(), List.of(), Optional.empty(), Optional.empty());
    }
}
