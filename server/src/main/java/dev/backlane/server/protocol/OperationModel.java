package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

/** An operation of a service model: its name and its input and output shapes (either may be absent). */
public record OperationModel(String name, String inputShape, String outputShape, String resultWrapper, String httpMethod, String requestUri) {
    public OperationModel {
        requireNonNull(name, "name is null");
    }

    /** An operation of a Query or awsJson service, which has no HTTP binding of its own. */
    public OperationModel(String name, String inputShape, String outputShape, String resultWrapper) {
        this(name, inputShape, outputShape, resultWrapper, null, null);
    }
}
