package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An answer to an AWS API call: HTTP status, content type and body (XML or JSON), and what the request log records of the
 * call — its request ID, its action (null when the request named none), the error code (null on
 * success) and the resource IDs it named or created.
 */
public record ApiResponse(int status, String contentType, String body, String requestId, String action, String errorCode, List<String> resourceIds) {
    public ApiResponse {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        requireNonNull(requestId, "requestId is null");
        resourceIds = List.copyOf(resourceIds);
    }
}
