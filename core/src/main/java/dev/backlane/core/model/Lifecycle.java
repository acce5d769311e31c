package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * When a resource's asynchronous state changes end, fixed when they begin: it is being created until
 * {@code readyAt}; once deletion is asked for, it is being deleted until {@code deletedAt} and still
 * described until {@code forgottenAt}. Its phase at any instant follows from these alone, so states
 * change with the clock that reads them, and a change of configuration does not rewrite the past.
 */
public record Lifecycle(Instant readyAt, Instant deletedAt, Instant forgottenAt) {

    /** Where a resource is in its life at one instant. */
    public enum Phase {
        CREATING, READY, DELETING, DELETED, FORGOTTEN
    }

    public Lifecycle {
        requireNonNull(readyAt, "readyAt is null");
        if ((deletedAt == null) != (forgottenAt == null)) {
            throw new IllegalArgumentException("deletedAt and forgottenAt are set together");
        }
    }

    /** A resource that is ready from {@code readyAt} and not being deleted. */
    public static Lifecycle readyAt(Instant readyAt) {
        return new Lifecycle(readyAt, null, null);
    }

    /** The same resource, being deleted until {@code deleted} and described until {@code forgotten}. */
    public Lifecycle deleting(Instant deleted, Instant forgotten) {
        return new Lifecycle(readyAt, deleted, forgotten);
    }

    public boolean isDeletionRequested() {
        return deletedAt != null;
    }

    public Phase phaseAt(Instant at) {
        if (deletedAt != null) {
            if (at.isBefore(deletedAt)) {
                return Phase.DELETING;
            }
            return at.isBefore(forgottenAt) ? Phase.DELETED : Phase.FORGOTTEN;
        }
        return at.isBefore(readyAt) ? Phase.CREATING : Phase.READY;
    }

    /** Whether a describe at {@code at} still shows the resource. */
    public boolean isVisibleAt(Instant at) {
        return phaseAt(at) != Phase.FORGOTTEN;
    }
}
