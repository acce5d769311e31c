package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

/** The health of one target as DescribeTargetHealth reports it; {@code reason} and {@code description} are null when healthy. */
public record TargetHealth(String targetId, Integer port, String availabilityZone, String healthCheckPort, String state, String reason,
        String description) {
    public TargetHealth {
        requireNonNull(targetId, "targetId is null");
        requireNonNull(state, "state is null");
    }
}
