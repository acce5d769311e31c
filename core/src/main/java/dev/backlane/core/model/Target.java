package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A target registered with a target group: an instance ID, IP address, Lambda ARN or ALB ARN, with
 * its port (null for lambda targets) and zone ({@code all} for addresses outside the VPC), its
 * health as last observed by a health check — null while no check has reported on it — and, once
 * DeregisterTargets was called for it, when: it is {@code draining} for its group's deregistration
 * delay from then on, and leaves the group when the delay ends.
 */
public record Target(String id, Integer port, String availabilityZone, Instant registeredTime, ObservedHealth observedHealth, Instant deregisteredTime) {
    public Target {
        requireNonNull(id, "id is null");
        requireNonNull(registeredTime, "registeredTime is null");
    }

    /** A newly registered target, not yet observed. */
    public Target(String id, Integer port, String availabilityZone, Instant registeredTime) {
        this(id, port, availabilityZone, registeredTime, null, null);
    }

    public Target withObservedHealth(ObservedHealth changed) {
        return new Target(id, port, availabilityZone, registeredTime, changed, deregisteredTime);
    }

    /** The target deregistered at {@code at}: draining from then on. */
    public Target deregisteredAt(Instant at) {
        return new Target(id, port, availabilityZone, registeredTime, observedHealth, requireNonNull(at, "at is null"));
    }

    /** Whether DeregisterTargets was called for it: it takes no new connections and is not health-checked. */
    public boolean isDeregistering() {
        return deregisteredTime != null;
    }

    /** Whether this is the same registration: AWS identifies a target by its ID and port. */
    public boolean sameAs(String otherId, Integer otherPort) {
        return id.equals(otherId) && java.util.Objects.equals(port, otherPort);
    }
}
