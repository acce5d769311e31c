package dev.backlane.server.api.fis;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Output;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What FIS's operations share: pages, states, IDs, the checks of durations and percentages, and FIS's errors. */
final class FisAnswers {
    private static final Duration MIN_DURATION = Duration.ofMinutes(1);
    private static final Duration MAX_DURATION = Duration.ofHours(12);
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FisAnswers() {}

    /** One page of a list: {@code maxResults} from the position {@code nextToken} names (the previous page's end). */
    static Map<String, Object> page(Call call, String member, List<?> all) {
        int max = call.input().has("maxResults") ? call.input().integer("maxResults") : 100;
        int from = 0;
        if (call.input().has("nextToken")) {
            try {
                from = Integer.parseInt(call.input().string("nextToken"));
            } catch (NumberFormatException invalid) {
                from = -1;
            }
            if (from < 0 || from > all.size()) {
                throw validation("Invalid nextToken");
            }
        }
        int to = Math.min(all.size(), from + max);
        Output output = Output.create().put(member, all.subList(from, to));
        if (to < all.size()) {
            output.put("nextToken", Integer.toString(to));
        }
        return output.build();
    }

    static Map<String, Object> state(String status, String reason) {
        return Map.of("status", status, "reason", reason);
    }

    /** An ID as FIS makes them: the prefix ({@code EXT}, {@code EXP}) and 14 letters and digits. */
    static String newId(String prefix) {
        return prefix + RANDOM.ints(14, 0, ID_ALPHABET.length()).mapToObj(ID_ALPHABET::charAt).map(String::valueOf).collect(Collectors.joining());
    }

    /** An action's {@code duration}: ISO 8601, from a minute to 12 hours (FIS's longest experiment). */
    static Duration duration(String action, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
                throw validation("Action %s: duration %s must be from PT1M to PT12H", action, text);
            }
            return duration;
        } catch (DateTimeParseException | NullPointerException invalid) {
            throw validation("Action %s: duration %s is not an ISO 8601 duration such as PT5M", action, text);
        }
    }

    static int percentage(String action, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // refused below
        }
        throw validation("Action %s: percentage %s must be an integer from 1 to 100", action, text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static AwsException validation(String format, Object... args) {
        return AwsException.of(ErrorCode.VALIDATION_EXCEPTION, format, args);
    }

    static AwsException notFound(String format, Object... args) {
        return AwsException.of(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, format, args);
    }
}
