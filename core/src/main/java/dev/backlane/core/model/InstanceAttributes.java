package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * The instance attributes ModifyInstanceAttribute changes besides type, groups and source/destination
 * checking: user data (base64, as given), termination and stop protection, and what an OS-initiated
 * shutdown does ({@code stop} or {@code terminate}).
 */
public record InstanceAttributes(String userData, boolean disableApiTermination, boolean disableApiStop, String shutdownBehavior) {
    public static final InstanceAttributes DEFAULTS = new InstanceAttributes(null, false, false, "stop");

    public InstanceAttributes {
        requireNonNull(shutdownBehavior, "shutdownBehavior is null");
    }

    public InstanceAttributes withUserData(String value) {
        return new InstanceAttributes(value, disableApiTermination, disableApiStop, shutdownBehavior);
    }

    public InstanceAttributes withDisableApiTermination(boolean value) {
        return new InstanceAttributes(userData, value, disableApiStop, shutdownBehavior);
    }

    public InstanceAttributes withDisableApiStop(boolean value) {
        return new InstanceAttributes(userData, disableApiTermination, value, shutdownBehavior);
    }

    public InstanceAttributes withShutdownBehavior(String value) {
        return new InstanceAttributes(userData, disableApiTermination, disableApiStop, value);
    }
}
