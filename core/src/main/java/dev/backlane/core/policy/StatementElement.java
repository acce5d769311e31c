package dev.backlane.core.policy;

/** The parts of a statement that must match a request, in the order evaluation tries them. */
public enum StatementElement {
    PRINCIPAL("Principal"),
    NOT_PRINCIPAL("NotPrincipal"),
    ACTION("Action"),
    NOT_ACTION("NotAction"),
    RESOURCE("Resource"),
    NOT_RESOURCE("NotResource"),
    CONDITION("Condition");

    private final String text;

    StatementElement(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
