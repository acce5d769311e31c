package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a target stands in its load balancer's health checks, as AWS moves it: {@code initial} from registration
 * ({@code Elb.RegistrationInProgress}, then {@code Elb.InitialHealthChecking} once checks run) until
 * {@code healthyThreshold} checks in a row pass ({@code healthy}) or {@code unhealthyThreshold} in a row fail
 * ({@code unhealthy}); a healthy target turns unhealthy, and an unhealthy one healthy, only after as many checks in a
 * row say so. An unhealthy target carries the reason of its last failed check: {@code Target.ResponseCodeMismatch}
 * with the codes, {@code Target.Timeout} or {@code Target.FailedHealthChecks}. Immutable: {@link #after} gives the
 * next step, and {@link #reportsSameAs} tells whether DescribeTargetHealth would see a change, so that only changes
 * are recorded.
 */
public record HealthCheckProgress(TargetHealthState state, TargetHealthReason reason, String description, int passedInARow, int failedInARow) {
    public HealthCheckProgress {
        requireNonNull(state, "state is null");
        if (passedInARow < 0 || failedInARow < 0 || passedInARow > 0 && failedInARow > 0) {
            throw new IllegalArgumentException("checks in a row are either passed or failed: " + passedInARow + ", " + failedInARow);
        }
    }

    /** A target just registered: no check has run. */
    public static HealthCheckProgress registered() {
        return new HealthCheckProgress(TargetHealthState.INITIAL, TargetHealthReason.REGISTRATION_IN_PROGRESS, "Target registration is in progress", 0, 0);
    }

    /** Continues from what was recorded (after a restart), with no checks in a row counted. */
    public static HealthCheckProgress resume(ObservedHealth recorded) {
        return new HealthCheckProgress(recorded.state(), recorded.reason(), recorded.description(), 0, 0);
    }

    /** The progress after one more check with this result. */
    public HealthCheckProgress after(ProbeResult result, HealthCheck check) {
        requireNonNull(result, "result is null");
        requireNonNull(check, "check is null");
        Failure failure = failure(result, check);
        if (failure == null) {
            int passed = passedInARow + 1;
            if (state == TargetHealthState.HEALTHY || passed >= check.healthyThreshold()) {
                return new HealthCheckProgress(TargetHealthState.HEALTHY, null, null, passed, 0);
            }
            return stillChecking(passed, 0);
        }
        int failed = failedInARow + 1;
        if (state == TargetHealthState.UNHEALTHY || failed >= check.unhealthyThreshold()) {
            return new HealthCheckProgress(TargetHealthState.UNHEALTHY, failure.reason(), failure.description(), 0, failed);
        }
        return stillChecking(0, failed);
    }

    /** Whether DescribeTargetHealth would report both the same: state, reason and description. */
    public boolean reportsSameAs(HealthCheckProgress other) {
        return state == other.state && reason == other.reason && Objects.equals(description, other.description);
    }

    /** This progress as the health recorded for the target. */
    public ObservedHealth observed(Instant at) {
        return new ObservedHealth(state, reason, description, at);
    }

    /** No threshold reached: an initial target is being checked; a healthy or unhealthy one keeps its state. */
    private HealthCheckProgress stillChecking(int passed, int failed) {
        if (state == TargetHealthState.INITIAL) {
            return new HealthCheckProgress(TargetHealthState.INITIAL, TargetHealthReason.INITIAL_HEALTH_CHECKING, "Initial health checks in progress",
                    passed, failed);
        }
        return new HealthCheckProgress(state, reason, description, passed, failed);
    }

    private record Failure(TargetHealthReason reason, String description) {}

    /** Why the check failed, or null when it passed: a TCP check passes on a connection, an HTTP(S) one on a matching code. */
    private static Failure failure(ProbeResult result, HealthCheck check) {
        return switch (result.outcome()) {
            case CONNECTED -> check.protocol() == ElbProtocol.TCP ? null
                    : new Failure(TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");
            case RESPONDED -> HttpCodeMatcher.parse(check.matcher() == null ? "200-399" : check.matcher()).matches(result.statusCode()) ? null
                    : new Failure(TargetHealthReason.RESPONSE_CODE_MISMATCH, "Health checks failed with these codes: [" + result.statusCode() + "]");
            case TIMED_OUT -> new Failure(TargetHealthReason.TIMEOUT, "Request timed out");
            case FAILED -> new Failure(TargetHealthReason.FAILED_HEALTH_CHECKS, "Health checks failed");
        };
    }
}
