package dev.backlane.core.logs.pattern;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/**
 * A CloudWatch Logs filter pattern, the syntax metric filters, subscription filters and FilterLogEvents
 * share: terms and quoted phrases ({@code ERROR -ARGUMENTS}, {@code ?ERROR ?WARN}), a JSON pattern
 * ({@code { $.latency > 50 && $.level = "ERROR" }}), a space-delimited pattern
 * ({@code [ip, user, ..., status_code = 4*, bytes]}) or a regular expression between {@code %}s. An empty
 * pattern matches every event. Parsing fails with InvalidParameterException, as AWS answers a bad pattern.
 */
public interface FilterPattern {
    boolean matches(String message);

    static FilterPattern parse(String pattern) {
        String text = pattern.strip();
        if (text.isEmpty() || text.equals("\"\"")) {
            return message -> true;
        }
        if (text.startsWith("{")) {
            return JsonPattern.parse(text);
        }
        if (text.startsWith("[")) {
            return DelimitedPattern.parse(text);
        }
        if (text.length() >= 2 && text.startsWith("%") && text.endsWith("%")) {
            return RegexValue.compile(text)::find;
        }
        return TermPattern.parse(text);
    }

    static AwsException invalid(String pattern, String reason) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Invalid filter pattern '%s': %s", pattern, reason);
    }
}
