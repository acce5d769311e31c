package dev.backlane.server.api.describe;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code NextToken} of every EC2 Describe: an opaque encoding of the key of the last item returned,
 * so the next page starts after it. A token that does not decode gets EC2's error for it.
 */
public final class PageToken {
    private static final String PREFIX = "after:";

    private PageToken() {}

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key to resume after, or null when there is no token. */
    public static String decode(String token) {
        if (token == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // An undecodable token is refused below, as a well-formed but foreign one is.
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value ( %s ) for parameter NextToken is invalid. The token is invalid.", token);
    }
}
