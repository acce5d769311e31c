package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.traffic.RequestFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * One request a workload's gateway handled, published when the gateway is done with it: the client, the method,
 * what the request was (its facts, when it could be classified), the path's verdict and the component it left
 * through ({@code vpce-}, {@code nat-}, {@code igw-}), the blocking explanation code, what the gateway did
 * ({@link Outcome}), the HTTP status the client got (0 when it got none: stalled, reset, cut off), the bytes
 * the client sent and received on the wire for this request, when the head arrived and how long until the
 * gateway was done, in nanoseconds; and, once the path resolved the call's host name, where its packets go in the
 * VPC ({@code destination}: the address and port, and the network interface reached there), from which flow logs
 * cut the VPC-side flow; and the AWS error code of an error answer ({@code errorCode}: the upstream's or the gateway's
 * own, as {@link dev.backlane.core.traffic.AwsErrorCodes} reads it), when it names one. {@code endpoint} is the VPC
 * endpoint the call went through or, blocked, was stopped at (its security groups, an F2 or F3 fault, its state, its
 * policy: {@link PathResult#endpoint()}); the per-endpoint signals (PrivateLink metrics, SLIs, the console's resets and
 * drops) count the call there, while {@code via} stays the component it left through, empty when it was blocked.
 */
public record GatewayRequestEvent(String workloadId, String clientAddress, int clientPort, String method, Optional<RequestFacts> facts,
        Optional<Verdict> verdict, Optional<String> via, Optional<String> explanationCode, Outcome outcome, int status, long bytesIn,
        long bytesOut, Instant start, long latencyNanos, Optional<PathResult.Destination> destination, Optional<String> errorCode,
        Optional<String> endpoint) implements Event {

    /** What the gateway did with the request. */
    public enum Outcome {
        /** Sent to the upstream; the status is the upstream's. */
        FORWARDED,
        /** Answered by the decider's own response (an endpoint policy's denial, a missing upstream). */
        RESPONDED,
        /** BLOCKED and held unanswered until the client gave up or the hard limit closed it. */
        STALLED,
        /** BLOCKED and refused with a TCP reset. */
        RESET,
        /** BLOCKED and answered 504 with the explanation. */
        BLOCKED_WITH_ERROR,
        /** Bad input (malformed, oversized, too slow, a request the decider rejected): answered 4xx or closed. */
        REJECTED,
        /** The upstream could not be reached, failed or was too slow: answered 502/504 or cut off. */
        UPSTREAM_FAILED,
        /** The client went away before the gateway was done. */
        ABORTED
    }

    public GatewayRequestEvent {
        requireNonNull(workloadId, "workloadId is null");
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(method, "method is null");
        requireNonNull(facts, "facts is null");
        requireNonNull(verdict, "verdict is null");
        requireNonNull(via, "via is null");
        requireNonNull(explanationCode, "explanationCode is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(start, "start is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(endpoint, "endpoint is null");
    }

    /** An event whose endpoint is the one it went through, if any: its {@code via} when that is an endpoint. */
    public GatewayRequestEvent(String workloadId, String clientAddress, int clientPort, String method, Optional<RequestFacts> facts,
            Optional<Verdict> verdict, Optional<String> via, Optional<String> explanationCode, Outcome outcome, int status, long bytesIn,
            long bytesOut, Instant start, long latencyNanos, Optional<PathResult.Destination> destination, Optional<String> errorCode) {
        this(workloadId, clientAddress, clientPort, method, facts, verdict, via, explanationCode, outcome, status, bytesIn, bytesOut, start,
                latencyNanos, destination, errorCode, via.filter(component -> component.startsWith("vpce-")));
    }

    /** An event whose answer's error code is not told. */
    public GatewayRequestEvent(String workloadId, String clientAddress, int clientPort, String method, Optional<RequestFacts> facts,
            Optional<Verdict> verdict, Optional<String> via, Optional<String> explanationCode, Outcome outcome, int status, long bytesIn,
            long bytesOut, Instant start, long latencyNanos, Optional<PathResult.Destination> destination) {
        this(workloadId, clientAddress, clientPort, method, facts, verdict, via, explanationCode, outcome, status, bytesIn, bytesOut, start,
                latencyNanos, destination, Optional.empty());
    }

    /** An event whose destination is not told. */
    public GatewayRequestEvent(String workloadId, String clientAddress, int clientPort, String method, Optional<RequestFacts> facts,
            Optional<Verdict> verdict, Optional<String> via, Optional<String> explanationCode, Outcome outcome, int status, long bytesIn,
            long bytesOut, Instant start, long latencyNanos) {
        this(workloadId, clientAddress, clientPort, method, facts, verdict, via, explanationCode, outcome, status, bytesIn, bytesOut, start,
                latencyNanos, Optional.empty(), Optional.empty());
    }
}
