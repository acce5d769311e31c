package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A target registered with a target group: an instance ID, IP address, Lambda ARN or ALB ARN, with
 * its port (null for lambda targets) and zone ({@code all} for addresses outside the VPC), and its
 * health as last observed by a health check — null while no check has reported on it.
 */
public record Target(String id, Integer port, String availabilityZone, Instant registeredTime, ObservedHealth observedHealth) {
    public Target {
        requireNonNull(id, "id is null");
        requireNonNull(registeredTime, "registeredTime is null");
    }

    /** A newly registered target, not yet observed. */
    public Target(String id, Integer port, String availabilityZone, Instant registeredTime) {
        this(id, port, availabilityZone, registeredTime, null);
    }

    public Target withObservedHealth(ObservedHealth changed) {
        return new Target(id, port, availabilityZone, registeredTime, changed);
    }

    /** Whether this is the same registration: AWS identifies a target by its ID and port. */
    public boolean sameAs(String otherId, Integer otherPort) {
        return id.equals(otherId) && java.util.Objects.equals(port, otherPort);
    }
}
