package dev.backlane.core.model;

/**
 * The states of a VPC endpoint. On the wire AWS writes them in lower camel case
 * ({@code pendingAcceptance}, {@code available}), although the model's enum is capitalised.
 */
public enum VpcEndpointState {
    PENDING_ACCEPTANCE("pendingAcceptance"),
    PENDING("pending"),
    AVAILABLE("available"),
    DELETING("deleting"),
    DELETED("deleted"),
    REJECTED("rejected"),
    FAILED("failed"),
    EXPIRED("expired"),
    PARTIAL("partial");

    private final String awsName;

    VpcEndpointState(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
