package dev.backlane.core.policy;

/**
 * Where a policy is attached, which decides whether it names principals: endpoint and resource
 * policies must have a Principal or NotPrincipal in every statement; identity policies must not.
 */
public enum PolicyKind {
    ENDPOINT,
    RESOURCE,
    IDENTITY;

    boolean requiresPrincipal() {
        switch (this) {
            case ENDPOINT:
            case RESOURCE:
                return true;
            case IDENTITY:
                return false;
        }
        throw new AssertionError(this);
    }
}
