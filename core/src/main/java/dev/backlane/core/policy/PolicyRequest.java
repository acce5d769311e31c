package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A request to evaluate: who calls, which action on which resource, and the condition context. Built
 * once and evaluated against many policies, so it does the per-request work up front: it lowercases
 * the action (action names are case-insensitive), finds the resource ARN's parts, and works out the
 * principal's identities (its account root and, for an assumed-role session, its role). It also adds
 * {@code aws:PrincipalArn} and {@code aws:PrincipalAccount} to the context when the caller is an AWS
 * principal and the context does not already give them, as AWS does.
 */
public final class PolicyRequest {

    private final RequestPrincipal principal;
    private final String action;
    private final String resource;
    private final RequestContext context;
    private final String lowercaseAction;
    private final int[] resourceBounds;
    private final String roleKey;

    private PolicyRequest(RequestPrincipal principal, String action, String resource, RequestContext context) {
        this.principal = requireNonNull(principal, "principal is null");
        this.action = requireNonNull(action, "action is null");
        this.resource = requireNonNull(resource, "resource is null");
        requireNonNull(context, "context is null");
        this.lowercaseAction = action.toLowerCase(Locale.ROOT);
        this.resourceBounds = Arn.bounds(resource);
        Optional<String> role = principal.kind() == RequestPrincipal.Kind.AWS
                ? PrincipalNames.roleKeyOfSession(principal.identifier())
                : Optional.empty();
        this.roleKey = role.orElse(null);
        RequestContext withPrincipal = context;
        if (principal.kind() == RequestPrincipal.Kind.AWS) {
            String principalArn = role.map(key -> "arn:aws:iam::" + key.replace("/", ":role/")).orElse(principal.identifier());
            withPrincipal = withPrincipal.withDefault("aws:PrincipalArn", principalArn);
            if (principal.account().isPresent()) {
                withPrincipal = withPrincipal.withDefault("aws:PrincipalAccount", principal.account().get());
            }
        }
        this.context = withPrincipal;
    }

    public static PolicyRequest of(RequestPrincipal principal, String action, String resource, RequestContext context) {
        return new PolicyRequest(principal, action, resource, context);
    }

    public static PolicyRequest of(String principalArn, String action, String resource) {
        return new PolicyRequest(RequestPrincipal.parse(principalArn), action, resource, RequestContext.empty());
    }

    public RequestPrincipal principal() {
        return principal;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    public RequestContext context() {
        return context;
    }

    String lowercaseAction() {
        return lowercaseAction;
    }

    int[] resourceBounds() {
        return resourceBounds;
    }

    /** {@code ACCOUNT/ROLE} when the caller is an assumed-role session, else null. */
    String roleKey() {
        return roleKey;
    }

    @Override
    public String toString() {
        return "PolicyRequest[principal=" + principal + ", action=" + action + ", resource=" + resource + ", context=" + context + "]";
    }
}
