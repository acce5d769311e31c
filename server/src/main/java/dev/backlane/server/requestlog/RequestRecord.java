package dev.backlane.server.requestlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What the request log keeps of one API call, independent of the HTTP server that took it: when it
 * arrived, who made it (account, region, service), what it did ({@code action}, the resource IDs it
 * named or created), how it ended (HTTP status, AWS error code or null, whether the answer could be
 * written to the connection) and how long it took; and, from the SDK's headers, which invocation and
 * attempt it was ({@code amz-sdk-invocation-id}, {@code amz-sdk-request: attempt=2; max=3}), so that a
 * retry of a call shows as a second line with the same invocation ID. Fields the request did not give
 * are null.
 */
public record RequestRecord(
        Instant time,
        String requestId,
        String account,
        String region,
        String service,
        String action,
        List<String> resourceIds,
        int status,
        String errorCode,
        long latencyNanos,
        String invocationId,
        String sdkRequest,
        String client,
        boolean sent) {

    public RequestRecord {
        requireNonNull(time, "time is null");
        requireNonNull(requestId, "requestId is null");
        resourceIds = List.copyOf(resourceIds);
    }
}
