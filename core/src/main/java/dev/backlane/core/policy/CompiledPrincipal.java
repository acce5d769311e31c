package dev.backlane.core.policy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled Principal or NotPrincipal element. {@code "*"} and {@code {"AWS": "*"}} name everyone;
 * an account ID or root ARN names every principal of that account; a role ARN also names that role's
 * assumed-role sessions; other ARNs and names match exactly (service names ignoring case).
 *
 * <p>NotPrincipal follows AWS's documented literal behaviour: a caller carries several identities (its
 * own ARN, its account's root and, for a session, its role) and the statement applies unless every
 * one of them is listed. That is why AWS tells you to list the account and role along with a session.
 */
final class CompiledPrincipal {

    private final boolean negated;
    private final boolean everyone;
    private final Set<String> arns = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> roles = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private final Set<String> canonicalUsers = new HashSet<>();

    CompiledPrincipal(PrincipalElement element) {
        this.negated = element.negated();
        boolean anyone = element.anyone();
        for (String identifier : element.identifiers(PrincipalType.AWS)) {
            if (identifier.equals("*")) {
                anyone = true;
                continue;
            }
            String arn = PrincipalNames.isAccountId(identifier) ? PrincipalNames.rootArn(identifier) : identifier;
            arns.add(arn);
            PrincipalNames.rootAccount(arn).ifPresent(accounts::add);
            PrincipalNames.roleKeyOfRole(arn).ifPresent(roles::add);
        }
        element.identifiers(PrincipalType.SERVICE).forEach(service -> services.add(service.toLowerCase(Locale.ROOT)));
        federated.addAll(element.identifiers(PrincipalType.FEDERATED));
        canonicalUsers.addAll(element.identifiers(PrincipalType.CANONICAL_USER));
        this.everyone = anyone;
    }

    StatementElement element() {
        return negated ? StatementElement.NOT_PRINCIPAL : StatementElement.PRINCIPAL;
    }

    /** Whether the statement applies to the caller as far as this element is concerned. */
    boolean applies(PolicyRequest request) {
        return negated ? !everyIdentityListed(request) : names(request);
    }

    private boolean names(PolicyRequest request) {
        if (everyone) {
            return true;
        }
        RequestPrincipal principal = request.principal();
        switch (principal.kind()) {
            case AWS:
                if (arns.contains(principal.identifier())) {
                    return true;
                }
                if (principal.account().isPresent() && accounts.contains(principal.account().get())) {
                    return true;
                }
                return request.roleKey() != null && roles.contains(request.roleKey());
            case SERVICE:
                return services.contains(principal.identifier().toLowerCase(Locale.ROOT));
            case FEDERATED:
                return federated.contains(principal.identifier());
            case CANONICAL_USER:
                return canonicalUsers.contains(principal.identifier());
            case ANONYMOUS:
                return false;
        }
        throw new AssertionError(principal.kind());
    }

    private boolean everyIdentityListed(PolicyRequest request) {
        if (everyone) {
            return true;
        }
        RequestPrincipal principal = request.principal();
        switch (principal.kind()) {
            case AWS:
                boolean self = arns.contains(principal.identifier());
                boolean account = principal.account().isEmpty() || accounts.contains(principal.account().get());
                boolean role = request.roleKey() == null || roles.contains(request.roleKey());
                return self && account && role;
            case SERVICE:
            case FEDERATED:
            case CANONICAL_USER:
            case ANONYMOUS:
                return names(request);
        }
        throw new AssertionError(principal.kind());
    }
}
