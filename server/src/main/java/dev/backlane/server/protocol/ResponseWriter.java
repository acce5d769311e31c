package dev.backlane.server.protocol;

import dev.backlane.core.error.AwsException;
import java.util.Map;

/** Writes an operation's output tree, or an error, as one protocol's responses carry them. */
public interface ResponseWriter {
    String contentType();

    String write(OperationModel operation, Map<String, Object> output, String requestId);

    String writeError(AwsException error, String requestId);
}
