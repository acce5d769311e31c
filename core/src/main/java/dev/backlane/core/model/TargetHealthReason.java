package dev.backlane.core.model;

/**
 * Why a target is in its health state, with AWS's codes ({@code TargetHealthReasonEnum} of the ELBv2
 * model), each with the state AWS documents it for (the {@code Reason} member of {@code TargetHealth}).
 */
public enum TargetHealthReason implements WireName {
    REGISTRATION_IN_PROGRESS("Elb.RegistrationInProgress", TargetHealthState.INITIAL),
    INITIAL_HEALTH_CHECKING("Elb.InitialHealthChecking", TargetHealthState.INITIAL),
    RESPONSE_CODE_MISMATCH("Target.ResponseCodeMismatch", TargetHealthState.UNHEALTHY),
    TIMEOUT("Target.Timeout", TargetHealthState.UNHEALTHY),
    FAILED_HEALTH_CHECKS("Target.FailedHealthChecks", TargetHealthState.UNHEALTHY),
    INTERNAL_ERROR("Elb.InternalError", TargetHealthState.UNHEALTHY),
    NOT_REGISTERED("Target.NotRegistered", TargetHealthState.UNUSED),
    NOT_IN_USE("Target.NotInUse", TargetHealthState.UNUSED),
    INVALID_STATE("Target.InvalidState", TargetHealthState.UNUSED),
    IP_UNUSABLE("Target.IpUnusable", TargetHealthState.UNUSED),
    DEREGISTRATION_IN_PROGRESS("Target.DeregistrationInProgress", TargetHealthState.DRAINING),
    HEALTH_CHECK_DISABLED("Target.HealthCheckDisabled", TargetHealthState.UNAVAILABLE);

    private final String wireName;
    private final TargetHealthState state;

    TargetHealthReason(String wireName, TargetHealthState state) {
        this.wireName = wireName;
        this.state = state;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The state AWS gives this reason with. */
    public TargetHealthState state() {
        return state;
    }
}
