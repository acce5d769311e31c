package dev.backlane.core.elb;

/**
 * What one health check probe of a target saw: a TCP connection accepted ({@code CONNECTED}, all a TCP check asks), an
 * HTTP answer with its status code ({@code RESPONDED}), no connection or answer within the check's timeout
 * ({@code TIMED_OUT}), or a refused or reset connection or a malformed answer ({@code FAILED}). {@code statusCode} is 0
 * unless the target responded.
 */
public record ProbeResult(Outcome outcome, int statusCode) {
    /** How a probe ended. */
    public enum Outcome {
        CONNECTED,
        RESPONDED,
        TIMED_OUT,
        FAILED
    }

    public ProbeResult {
        if (outcome == null) {
            throw new NullPointerException("outcome is null");
        }
        if ((outcome == Outcome.RESPONDED) != (statusCode >= 100 && statusCode <= 999)) {
            throw new IllegalArgumentException("a status code comes with an answer, and only then: " + outcome + " " + statusCode);
        }
    }

    public static ProbeResult connected() {
        return new ProbeResult(Outcome.CONNECTED, 0);
    }

    public static ProbeResult responded(int statusCode) {
        return new ProbeResult(Outcome.RESPONDED, statusCode);
    }

    public static ProbeResult timedOut() {
        return new ProbeResult(Outcome.TIMED_OUT, 0);
    }

    public static ProbeResult failed() {
        return new ProbeResult(Outcome.FAILED, 0);
    }
}
