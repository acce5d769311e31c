package dev.backlane.core.error;

import static java.util.Objects.requireNonNull;

/**
 * A failure the caller caused, carrying the AWS error code from the one catalogue ({@link ErrorCode})
 * and a message that names the parameter or resource at fault, as AWS's messages do.
 */
public final class AwsException extends RuntimeException {
    private final ErrorCode code;

    public AwsException(ErrorCode code, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
    }

    public static AwsException of(ErrorCode code, String format, Object... arguments) {
        return new AwsException(code, arguments.length == 0 ? format : String.format(format, arguments));
    }

    public ErrorCode code() {
        return code;
    }
}
