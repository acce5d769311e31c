package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request target taken apart: the host of an absolute-form target ({@code http://bucket.s3.amazonaws.com/k},
 * sent to a proxy), the path as sent (still percent-encoded, so that {@code %2F} inside an S3 key stays inside its
 * segment) and the query-string parameters, decoded, in order; a parameter without {@code =} has the value "".
 */
record RequestTarget(Optional<String> host, String rawPath, Map<String, List<String>> parameters) {
    RequestTarget {
        requireNonNull(host, "host is null");
        requireNonNull(rawPath, "rawPath is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
    }

    static RequestTarget parse(String target) {
        Optional<String> host = Optional.empty();
        String rest = target;
        int scheme = target.indexOf("://");
        if (scheme > 0 && target.substring(0, scheme).chars().allMatch(Character::isLetter)) {
            int pathStart = indexOfAny(target, scheme + 3, '/', '?');
            String authority = target.substring(scheme + 3, pathStart < 0 ? target.length() : pathStart);
            host = Optional.of(hostOf(authority));
            rest = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        if (path.isEmpty()) {
            path = "/";
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            path = path.substring(0, fragment);
        }
        return new RequestTarget(host, path, question < 0 ? Map.of() : parseForm(rest.substring(question + 1)));
    }

    /** The host of an authority or Host header, without user information, port or trailing dot, in lower case. */
    static String hostOf(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return (end < 0 ? host : host.substring(0, end + 1)).toLowerCase(Locale.ROOT);
        }
        int colon = host.indexOf(':');
        host = colon < 0 ? host : host.substring(0, colon);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return host.toLowerCase(Locale.ROOT);
    }

    /** Parameters of a query string or an {@code application/x-www-form-urlencoded} body, decoded, in order. */
    static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The first value of a parameter, if the target has it. */
    Optional<String> parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The path's segments, still encoded: {@code /b/a%2Fb} has {@code b} and {@code a%2Fb}. */
    List<String> rawSegments() {
        List<String> segments = new ArrayList<>();
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.isEmpty()) {
            return segments;
        }
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
        segments.add(path.substring(start));
        return segments;
    }

    /**
     * Percent-decoding as UTF-8; {@code +} is a space only in forms and query strings. A malformed escape is kept
     * as written, as S3 keeps it in a key.
     */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static int indexOfAny(String text, int from, char first, char second) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == first || text.charAt(i) == second) {
                return i;
            }
        }
        return -1;
    }
}
