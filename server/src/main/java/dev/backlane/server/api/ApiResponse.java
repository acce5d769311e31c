package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An answer to an AWS API call: HTTP status and XML body, and what the request log records of the
 * call — its request ID, its action (null when the request named none), the error code (null on
 * success) and the resource IDs it named or created.
 */
public record ApiResponse(int status, String body, String requestId, String action, String errorCode, List<String> resourceIds) {
    public ApiResponse {
        requireNonNull(body, "body is null");
        requireNonNull(requestId, "requestId is null");
        resourceIds = List.copyOf(resourceIds);
    }
}
