package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * The instance attributes ModifyInstanceAttribute changes besides type, groups and source/destination
 * checking: user data (base64, as given), termination and stop protection, and what an OS-initiated
 * shutdown does ({@code stop} or {@code terminate}); and, for burstable types, how CPU credits are
 * earned ({@code standard} or {@code unlimited}; null for other types).
 */
public record InstanceAttributes(String userData, boolean disableApiTermination, boolean disableApiStop, String shutdownBehavior,
        String cpuCredits) {
    public static final InstanceAttributes DEFAULTS = new InstanceAttributes(null, false, false, "stop", null);

    public InstanceAttributes {
        requireNonNull(shutdownBehavior, "shutdownBehavior is null");
    }

    public InstanceAttributes withUserData(String value) {
        return new InstanceAttributes(value, disableApiTermination, disableApiStop, shutdownBehavior, cpuCredits);
    }

    public InstanceAttributes withDisableApiTermination(boolean value) {
        return new InstanceAttributes(userData, value, disableApiStop, shutdownBehavior, cpuCredits);
    }

    public InstanceAttributes withDisableApiStop(boolean value) {
        return new InstanceAttributes(userData, disableApiTermination, value, shutdownBehavior, cpuCredits);
    }

    public InstanceAttributes withShutdownBehavior(String value) {
        return new InstanceAttributes(userData, disableApiTermination, disableApiStop, value, cpuCredits);
    }

    public InstanceAttributes withCpuCredits(String value) {
        return new InstanceAttributes(userData, disableApiTermination, disableApiStop, shutdownBehavior, value);
    }
}
