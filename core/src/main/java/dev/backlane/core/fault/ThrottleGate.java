package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Decides, call by call, whether an F7 fault throttles: with a percentage, exactly that share of the calls it covers,
 * spread evenly (at 25%, every fourth call; no randomness, so a test knows which calls fail); with a rate, a token
 * bucket holding one second of calls, refilled at that rate, so calls beyond the rate are throttled. Time comes from
 * the caller. Thread-safe: gateways on several event loops share one gate per fault.
 */
public final class ThrottleGate {
    private final Fault fault;
    private long calls;
    private double tokens;
    private Instant refilled;

    public ThrottleGate(Fault fault) {
        this.fault = requireNonNull(fault, "fault is null");
        if (fault.kind() != FaultKind.F7_THROTTLING || !fault.parameters().throttles()) {
            throw new IllegalArgumentException(fault.describe() + " is not a throttling fault");
        }
        this.tokens = fault.parameters().requestsPerSecond().map(ThrottleGate::capacity).orElse(0.0);
        this.refilled = fault.startTime();
    }

    public Fault fault() {
        return fault;
    }

    /** Whether the call arriving at {@code at} is throttled. */
    public synchronized boolean throttles(Instant at) {
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
        int percentage = fault.parameters().percentage().orElse(100);
        calls++;
        // Call n is throttled when it carries the share past another whole call: floor(n*p/100) > floor((n-1)*p/100).
        return calls * percentage / 100 > (calls - 1) * percentage / 100;
    }

    /** One second of calls, and at least one, so a rate below 1 per second still admits a call now and then. */
    private static double capacity(double rate) {
        return Math.max(1, rate);
    }
}
