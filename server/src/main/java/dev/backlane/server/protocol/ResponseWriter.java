package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import java.util.Map;
import java.util.Optional;

/** Writes an operation's output tree, or an error, as one protocol's responses carry them. */
public interface ResponseWriter {
    String contentType();

    byte[] write(OperationModel operation, Map<String, Object> output, String requestId);

    byte[] writeError(AwsException error, String requestId);

    /** The headers an answer carries besides its content type and request ID: a protocol's mark, or where clients read an error's code. */
    default Map<String, String> headers(Optional<AwsException> error) {
        return Map.of();
    }

    /** The HTTP status of the error; REST protocols take it from the model's error shape of that name. */
    default int errorStatus(AwsException error) {
        return error.code().httpStatus();
    }
}
