package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a gateway has seen of an HTTP request before its body: the method, the request target as sent (origin
 * form {@code /bucket/key?x=1}, or absolute form {@code http://host/path} when the client speaks to the gateway
 * as an HTTP proxy), and the headers, their names in lower case.
 */
public record HttpRequestHead(String method, String target, Map<String, List<String>> headers) {
    public HttpRequestHead {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        TreeMap<String, List<String>> lower = new TreeMap<>();
        requireNonNull(headers, "headers is null").forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** The first value of the header, named in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
