package dev.backlane.cli.gameday;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load generator saw of its own calls: each call (after its retries) with when it began, whether it
 * succeeded and how long it took, so that a call is judged in the interval it began in (a dropped call ends only when
 * its client gives up, possibly after the fault); and the attempts, throttled attempts and attempts without an answer.
 */
final class ClientCounters {
    /** One call: when it began, whether it succeeded for the client, its time in ms (retries included). */
    record Call(Instant start, boolean success, double millis) {}

    /** The counts so far, and the calls that ended since the reading before. */
    record Reading(long calls, long succeeded, long attempts, long throttled, long unanswered, List<Call> ended) {}

    private long calls;
    private long succeeded;
    private long attempts;
    private long throttled;
    private long unanswered;
    private List<Call> ended = new ArrayList<>();

    synchronized void attempt(boolean throttle, boolean answered) {
        attempts++;
        if (throttle) {
            throttled++;
        }
        if (!answered) {
            unanswered++;
        }
    }

    synchronized void call(Instant start, boolean success, double millis) {
        calls++;
        if (success) {
            succeeded++;
        }
        ended.add(new Call(start, success, millis));
    }

    synchronized Reading read() {
        Reading reading = new Reading(calls, succeeded, attempts, throttled, unanswered, ended);
        ended = new ArrayList<>();
        return reading;
    }
}
