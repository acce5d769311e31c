package dev.backlane.core.model;

/** The verification states of an endpoint service's private DNS name, as AWS writes them. */
public enum DnsNameState {
    PENDING_VERIFICATION("pendingVerification"),
    VERIFIED("verified");

    private final String awsName;

    DnsNameState(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
