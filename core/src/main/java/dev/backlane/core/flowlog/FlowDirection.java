package dev.backlane.core.flowlog;

/** A record's {@code flow-direction}: whether the flow's packets came into the interface or left it. */
public enum FlowDirection {
    INGRESS("ingress"),
    EGRESS("egress");

    private final String fieldValue;

    FlowDirection(String fieldValue) {
        this.fieldValue = fieldValue;
    }

    /** The value AWS writes: {@code ingress} or {@code egress}. */
    public String fieldValue() {
        return fieldValue;
    }
}
