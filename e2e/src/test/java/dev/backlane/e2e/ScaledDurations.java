package dev.backlane.e2e;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus rules file or Alertmanager configuration with every duration divided by a factor, so that a test can
 * run the shipped file at test speed: with 60, hours become minutes and minutes seconds ({@code [1h]} -> {@code [1m]},
 * {@code for: 2m} -> {@code for: 2s}, {@code group_wait: 30s} -> {@code group_wait: 500ms}). Only PromQL range
 * selectors and the YAML duration keys are touched; names (such as {@code ratio_rate1h}), factors and thresholds are
 * not.
 */
final class ScaledDurations {
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+)(ms|s|m|h|d|w)]");
    private static final Pattern KEY = Pattern.compile(
            "^(\\s*(?:for|group_wait|group_interval|repeat_interval|interval|evaluation_interval):\\s*)(\\d+)(ms|s|m|h|d|w)\\s*$",
            Pattern.MULTILINE);

    private ScaledDurations() {}

    static String divide(String text, int factor) {
        String ranges = replace(RANGE.matcher(text), factor, match -> "[", match -> "]", 1);
        return replace(KEY.matcher(ranges), factor, match -> match.group(1), match -> "", 2);
    }

    private static String replace(Matcher matcher, int factor, Function<Matcher, String> before,
            Function<Matcher, String> after, int amountGroup) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            long millis = Long.parseLong(matcher.group(amountGroup)) * unitMillis(matcher.group(amountGroup + 1));
            String scaled = before.apply(matcher) + format(Math.max(1, millis / factor)) + after.apply(matcher);
            matcher.appendReplacement(out, Matcher.quoteReplacement(scaled));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            case "w" -> 604_800_000;
            default -> throw new IllegalArgumentException("not a Prometheus duration unit: " + unit);
        };
    }

    /** The duration in the largest unit that states it exactly. */
    private static String format(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }
}
