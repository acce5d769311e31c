package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Decides, call by call, whether a fault that answers calls with an error ({@link FaultKind#answersCalls()}: F7's
 * throttling, {@code API_INTERNAL_ERROR}, {@code API_UNAVAILABLE}) answers this one: with a percentage, exactly that
 * share of the calls it covers, spread evenly (at 25%, every fourth call; no randomness, so a test knows which calls
 * fail); with a rate (F7 only), a token bucket holding one second of calls, refilled at that rate, so calls beyond the
 * rate are throttled. Time comes from the caller. Thread-safe: gateways on several event loops share one gate per fault.
 */
public final class CallErrorGate {
    private final Fault fault;
    private final EvenShare share;
    private double tokens;
    private Instant refilled;

    public CallErrorGate(Fault fault) {
        this.fault = requireNonNull(fault, "fault is null");
        if (!fault.answersCalls()) {
            throw new IllegalArgumentException(fault.describe() + " does not answer calls with an error");
        }
        this.tokens = fault.parameters().requestsPerSecond().map(CallErrorGate::capacity).orElse(0.0);
        this.refilled = fault.startTime();
        this.share = new EvenShare(fault.parameters().percentage().orElse(100));
    }

    public Fault fault() {
        return fault;
    }

    /** Whether the call arriving at {@code at} is answered with the fault's error. */
    public synchronized boolean answers(Instant at) {
        requireNonNull(at, "at is null");
        if (fault.parameters().requestsPerSecond().isPresent()) {
            double rate = fault.parameters().requestsPerSecond().get();
            if (at.isAfter(refilled)) {
                double seconds = java.time.Duration.between(refilled, at).toNanos() / 1e9;
                tokens = Math.min(capacity(rate), tokens + seconds * rate);
                refilled = at;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return false;
            }
            return true;
        }
        return share.next();
    }

    /** One second of calls, and at least one, so a rate below 1 per second still admits a call now and then. */
    private static double capacity(double rate) {
        return Math.max(1, rate);
    }
}
