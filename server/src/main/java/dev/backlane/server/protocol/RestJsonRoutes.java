package dev.backlane.server.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A REST service's operations by their HTTP binding: method and {@code requestUri} template ({@code /experiments/{id}}),
 * matched segment by segment against a request's raw path; a label takes one whole segment, percent-decoded (an ARN's
 * {@code /} arrives as {@code %2F}).
 */
public final class RestJsonRoutes {
    /** An operation and the values of its path's labels. */
    public record Match(OperationModel operation, Map<String, String> labels) {
    }

    private record Route(OperationModel operation, String method, List<String> segments) {
    }

    private final List<Route> routes = new ArrayList<>();

    public RestJsonRoutes(ServiceModel model) {
        for (OperationModel operation : model.operations()) {
            if (operation.httpMethod() != null && operation.requestUri() != null) {
                String path = operation.requestUri().split("\\?", 2)[0];
                routes.add(new Route(operation, operation.httpMethod().toUpperCase(Locale.ROOT), segments(path)));
            }
        }
    }

    public Optional<Match> match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        for (Route route : routes) {
            if (!route.method().equals(method.toUpperCase(Locale.ROOT)) || route.segments().size() != segments.size()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < segments.size() && matches; i++) {
                String template = route.segments().get(i);
                if (template.startsWith("{") && template.endsWith("}")) {
                    String value = decode(segments.get(i));
                    matches = !value.isEmpty();
                    labels.put(template.substring(1, template.length() - 1), value);
                } else {
                    matches = template.equals(segments.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(route.operation(), labels));
            }
        }
        return Optional.empty();
    }

    /** A path segment decoded: {@code +} is itself in a path, not a space as in a form. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    /** A raw query string as each name's values, decoded as a form is. */
    public static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
