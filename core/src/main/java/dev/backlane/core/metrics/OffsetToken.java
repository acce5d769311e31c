package dev.backlane.core.metrics;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code NextToken} of CloudWatch's paged answers (ListMetrics, GetMetricData): an opaque encoding of how many
 * items the pages before gave, marked with the call it belongs to. A token that does not decode is refused with the
 * caller's error code.
 */
public final class OffsetToken {
    private OffsetToken() {}

    public static String encode(String call, long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((call + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    public static long decode(String call, String token, ErrorCode refusal) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(call + ":")) {
                long offset = Long.parseLong(text.substring(call.length() + 1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // Falls through to the refusal below, as a well-formed but foreign token does.
        }
        throw AwsException.of(refusal, "The value %s for parameter NextToken is invalid.", token);
    }
}
