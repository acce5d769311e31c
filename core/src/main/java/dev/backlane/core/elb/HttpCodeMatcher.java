package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A health check's {@code Matcher.HttpCode}: the HTTP codes that count as healthy, written as AWS takes them — one code
 * ({@code 200}), several ({@code 200,202}), a range ({@code 200-299}) or a mix ({@code 200-399,404}). Codes are those a
 * load balancer's checks can match, 200 to 599 (a Network Load Balancer's range; an Application Load Balancer's stops
 * at 499).
 */
public record HttpCodeMatcher(List<Range> ranges) {
    private static final int LOWEST = 200;
    private static final int HIGHEST = 599;

    /** The codes {@code from} to {@code to}, both included. */
    public record Range(int from, int to) {
        public Range {
            if (from > to) {
                throw new IllegalArgumentException("range " + from + "-" + to + " is empty");
            }
        }

        boolean contains(int code) {
            return code >= from && code <= to;
        }
    }

    public HttpCodeMatcher {
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a matcher has at least one code");
        }
    }

    /** Parses a matcher; throws AWS's {@code ValidationError} naming the value when it is not codes and ranges of 200-599. */
    public static HttpCodeMatcher parse(String text) {
        requireNonNull(text, "text is null");
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String[] bounds = part.trim().split("-", -1);
            if (bounds.length > 2) {
                throw invalid(text);
            }
            int from = code(bounds[0], text);
            int to = bounds.length == 2 ? code(bounds[1], text) : from;
            if (from > to) {
                throw invalid(text);
            }
            ranges.add(new Range(from, to));
        }
        return new HttpCodeMatcher(ranges);
    }

    public boolean matches(int code) {
        return ranges.stream().anyMatch(range -> range.contains(code));
    }

    private static int code(String digits, String text) {
        String trimmed = digits.trim();
        if (trimmed.length() != 3 || !trimmed.chars().allMatch(Character::isDigit)) {
            throw invalid(text);
        }
        int code = Integer.parseInt(trimmed);
        if (code < LOWEST || code > HIGHEST) {
            throw invalid(text);
        }
        return code;
    }

    private static AwsException invalid(String text) {
        return AwsException.of(ErrorCode.VALIDATION_ERROR,
                "Health check matcher HTTP code '%s' must be codes or ranges of codes from %d to %d, such as '200', '200,202' or '200-399'", text, LOWEST,
                HIGHEST);
    }
}
