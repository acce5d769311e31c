package dev.backlane.core.model;

/** The states of an endpoint service; AWS writes them capitalised ({@code Available}). */
public enum ServiceState {
    PENDING("Pending"),
    AVAILABLE("Available");

    private final String awsName;

    ServiceState(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
