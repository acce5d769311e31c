package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A target's health as the load balancer's health checks last found it: {@code initial} until the
 * first checks decide, then {@code healthy} or {@code unhealthy} with AWS's reason and description
 * (for example {@code Target.ResponseCodeMismatch}, "Health checks failed with these codes: [500]").
 * {@code observedTime} is when the checks moved the target into its state (a new reason in the same state keeps
 * it). Only the states a health check can produce are observed; {@code unused}, {@code draining},
 * {@code unhealthy.draining} and {@code unavailable} follow from the configuration and the time, not from a check.
 */
public record ObservedHealth(TargetHealthState state, TargetHealthReason reason, String description, Instant observedTime) {
    public ObservedHealth {
        requireNonNull(state, "state is null");
        requireNonNull(observedTime, "observedTime is null");
        switch (state) {
            case HEALTHY -> {
                if (reason != null || description != null) {
                    throw new IllegalArgumentException("a healthy target has no reason or description");
                }
            }
            case INITIAL, UNHEALTHY -> {
                if (reason == null || reason.state() != state) {
                    throw new IllegalArgumentException("reason " + reason + " is not one of state " + state.wireName());
                }
            }
            case UNHEALTHY_DRAINING, UNUSED, DRAINING, UNAVAILABLE ->
                    throw new IllegalArgumentException("state " + state.wireName() + " is not observed by health checks");
        }
    }
}
