package dev.backlane.core.alert;

/** An alert's life, as Prometheus's: its condition holds but not yet for long enough, it fires, it has resolved. */
public enum AlertState {
    PENDING("pending"), FIRING("firing"), RESOLVED("resolved");

    private final String label;

    AlertState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
