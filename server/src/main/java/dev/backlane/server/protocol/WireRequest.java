package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** What a request carries for its operation: Query parameters (form and query string) and the raw body, which awsJson reads. */
public record WireRequest(Map<String, String> parameters, byte[] body, Map<String, String> labels, Map<String, List<String>> query) {
    public WireRequest {
        parameters = Map.copyOf(parameters);
        requireNonNull(body, "body is null");
        labels = Map.copyOf(labels);
        query = Map.copyOf(query);
    }

    public WireRequest(Map<String, String> parameters, byte[] body) {
        this(parameters, body, Map.of(), Map.of());
    }

    /** A REST request: the path's labels and the query string's values (decoded), and the body. */
    public static WireRequest rest(Map<String, String> labels, Map<String, List<String>> query, byte[] body) {
        return new WireRequest(Map.of(), body, labels, query);
    }

    public static WireRequest json(byte[] body) {
        return new WireRequest(Map.of(), body);
    }
}
