package dev.backlane.cli.gameday;

import java.util.ArrayList;
import java.util.List;

/**
 * What the load generator saw of its own calls, counted as they end: calls (after retries) and whether they
 * succeeded, attempts, throttled attempts, attempts that got no answer, and the calls' times since the last reading.
 */
final class ClientCounters {
    /** The counts so far, and the call times (ms) since the reading before. */
    record Reading(long calls, long succeeded, long attempts, long throttled, long unanswered, List<Double> latencies) {}

    private long calls;
    private long succeeded;
    private long attempts;
    private long throttled;
    private long unanswered;
    private List<Double> latencies = new ArrayList<>();

    synchronized void attempt(boolean throttle, boolean answered) {
        attempts++;
        if (throttle) {
            throttled++;
        }
        if (!answered) {
            unanswered++;
        }
    }

    synchronized void call(boolean success, double millis) {
        calls++;
        if (success) {
            succeeded++;
        }
        latencies.add(millis);
    }

    synchronized Reading read() {
        Reading reading = new Reading(calls, succeeded, attempts, throttled, unanswered, latencies);
        latencies = new ArrayList<>();
        return reading;
    }
}
