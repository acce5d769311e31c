package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a call with a ClientToken produced, so that a retry with the same token and parameters gets the
 * same answer and a retry with other parameters gets IdempotentParameterMismatch. The ID is the
 * operation and the token.
 */
public record IdempotencyRecord(String id, String fingerprint, Map<String, Object> output) implements Resource {
    public IdempotencyRecord {
        requireNonNull(id, "id is null");
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(output, "output is null");
    }

    public static String idOf(String operation, String clientToken) {
        return operation + "/" + clientToken;
    }
}
