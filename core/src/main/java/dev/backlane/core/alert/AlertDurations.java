package dev.backlane.core.alert;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Prometheus writes them in rules ({@code 30s}, {@code 5m}, {@code 1h}, {@code 3d}): one number and one unit. */
public final class AlertDurations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m|h|d)");

    private AlertDurations() {}

    /** The duration {@code text} names; an IllegalArgumentException naming {@code field} otherwise. */
    public static Duration parse(String text, String field) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(field + " must be a duration such as 30s, 5m, 1h or 3d, not " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest way of writing {@code duration} in those units. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
