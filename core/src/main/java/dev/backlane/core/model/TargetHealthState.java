package dev.backlane.core.model;

/**
 * The health state of a registered target, with the names AWS uses on the wire
 * ({@code TargetHealthStateEnum} of the ELBv2 model).
 */
public enum TargetHealthState implements WireName {
    INITIAL("initial"),
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy"),
    UNHEALTHY_DRAINING("unhealthy.draining"),
    UNUSED("unused"),
    DRAINING("draining"),
    UNAVAILABLE("unavailable");

    private final String wireName;

    TargetHealthState(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
