package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** What a request carries for its operation: Query parameters (form and query string) and the raw body, which awsJson reads. */
public record WireRequest(Map<String, String> parameters, byte[] body) {
    public WireRequest {
        parameters = Map.copyOf(parameters);
        requireNonNull(body, "body is null");
    }

    public static WireRequest json(byte[] body) {
        return new WireRequest(Map.of(), body);
    }
}
