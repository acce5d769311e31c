package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

/** An operation of a service model: its name and its input and output shapes (either may be absent). */
public record OperationModel(String name, String inputShape, String outputShape, String resultWrapper) {
    public OperationModel {
        requireNonNull(name, "name is null");
    }
}
