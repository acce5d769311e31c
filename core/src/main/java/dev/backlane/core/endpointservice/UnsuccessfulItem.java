package dev.backlane.core.endpointservice;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;

/** One ID a batch operation could not act on, and AWS's error for it, as {@code Unsuccessful} reports it. */
public record UnsuccessfulItem(String resourceId, ErrorCode code, String message) {
    public UnsuccessfulItem {
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    public static UnsuccessfulItem of(String resourceId, AwsException error) {
        return new UnsuccessfulItem(resourceId, error.code(), error.getMessage());
    }
}
