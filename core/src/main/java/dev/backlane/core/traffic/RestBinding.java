package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A REST operation's HTTP binding from its model: the method, the path template ({@code /{Bucket}/{Key+}}), the
 * query-string literals of its request URI ({@code ?uploads}, {@code ?list-type=2}) and the query parameters and
 * headers its input requires (UploadPart's {@code partNumber} and {@code uploadId}, CopyObject's
 * {@code x-amz-copy-source}). Operations that share a path differ in these, so the binding that a request satisfies
 * with the most of them is the request's.
 */
record RestBinding(String method, List<String> segments, Map<String, String> queryLiterals, List<String> requiredQuery,
        List<String> requiredHeaders, boolean deprecated) {
    RestBinding {
        requireNonNull(method, "method is null");
        segments = List.copyOf(segments);
        queryLiterals = Map.copyOf(queryLiterals);
        requiredQuery = List.copyOf(requiredQuery);
        requiredHeaders = List.copyOf(requiredHeaders);
    }

    static RestBinding of(JsonNode spec) {
        String path = spec.path("path").asText();
        List<String> segments = new ArrayList<>();
        for (String segment : path.substring(path.startsWith("/") ? 1 : 0).split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Map<String, String> literals = new LinkedHashMap<>();
        spec.path("queryLiterals").fields().forEachRemaining(entry -> literals.put(entry.getKey(), entry.getValue().asText()));
        List<String> query = new ArrayList<>();
        spec.path("requiredQuery").forEach(name -> query.add(name.asText()));
        List<String> headers = new ArrayList<>();
        spec.path("requiredHeaders").forEach(name -> headers.add(name.asText()));
        return new RestBinding(spec.path("method").asText(), segments, literals, query, headers, spec.path("deprecated").asBoolean(false));
    }

    /** How many of the request's query parameters and headers single this binding out; used to rank matches. */
    int discriminators() {
        return queryLiterals.size() + requiredQuery.size() + requiredHeaders.size();
    }

    int literalSegments() {
        return (int) segments.stream().filter(segment -> !segment.startsWith("{")).count();
    }

    /**
     * The labels of the path when the request fits this binding ({@code Bucket} and {@code Key}, decoded), or empty.
     * The raw segments are still percent-encoded; a greedy label ({@code {Key+}}) takes the rest of the path.
     */
    Optional<Map<String, String>> match(String requestMethod, List<String> rawSegments, Map<String, List<String>> parameters,
            Map<String, List<String>> headers) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> literal : queryLiterals.entrySet()) {
            List<String> values = parameters.get(literal.getKey());
            if (values == null || (!literal.getValue().isEmpty() && !values.contains(literal.getValue()))) {
                return Optional.empty();
            }
        }
        if (!requiredQuery.stream().allMatch(parameters::containsKey) || !requiredHeaders.stream().allMatch(headers::containsKey)) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = 0;
        for (String segment : segments) {
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (at >= rawSegments.size()) {
                    return Optional.empty();
                }
                String rest = String.join("/", rawSegments.subList(at, rawSegments.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.substring(1, segment.length() - 2), RequestTarget.decode(rest, false));
                at = rawSegments.size();
            } else if (at >= rawSegments.size() || rawSegments.get(at).isEmpty()) {
                return Optional.empty();
            } else if (segment.startsWith("{")) {
                labels.put(segment.substring(1, segment.length() - 1), RequestTarget.decode(rawSegments.get(at++), false));
            } else if (segment.equals(RequestTarget.decode(rawSegments.get(at), false))) {
                at++;
            } else {
                return Optional.empty();
            }
        }
        return at == rawSegments.size() ? Optional.of(labels) : Optional.empty();
    }
}
