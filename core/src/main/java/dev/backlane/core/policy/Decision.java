package dev.backlane.core.policy;

/**
 * The outcome of evaluating policies: allowed, denied by a statement, or denied because nothing
 * allowed it. The text form is the one AWS's policy simulator prints.
 */
public enum Decision {
    ALLOW("Allow"),
    EXPLICIT_DENY("ExplicitDeny"),
    IMPLICIT_DENY("ImplicitDeny");

    private final String text;

    Decision(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isAllowed() {
        return this == ALLOW;
    }
}
