package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A target registered with a target group: an instance ID, IP address, Lambda ARN or ALB ARN, with
 * its port (null for lambda targets) and zone ({@code all} for addresses outside the VPC).
 */
public record Target(String id, Integer port, String availabilityZone, Instant registeredTime) {
    public Target {
        requireNonNull(id, "id is null");
        requireNonNull(registeredTime, "registeredTime is null");
    }

    /** Whether this is the same registration: AWS identifies a target by its ID and port. */
    public boolean sameAs(String otherId, Integer otherPort) {
        return id.equals(otherId) && java.util.Objects.equals(port, otherPort);
    }
}
