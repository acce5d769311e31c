package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An answer to an AWS API call: HTTP status, content type, the protocol's own headers and the body (XML, JSON or
 * CBOR), and what the request log records of the call — its request ID, its action (null when the request named
 * none), the error code (null on success) and the resource IDs it named or created.
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] bytes, String requestId, String action,
        String errorCode, List<String> resourceIds) {
    public ApiResponse {
        requireNonNull(contentType, "contentType is null");
        headers = Map.copyOf(headers);
        requireNonNull(bytes, "bytes is null");
        requireNonNull(requestId, "requestId is null");
        resourceIds = List.copyOf(resourceIds);
    }

    /** The body as text: the XML or JSON protocols' answer. */
    public String body() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
