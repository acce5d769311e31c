package dev.backlane.core.policy;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Who makes a request: an AWS principal (user, role, assumed-role session or account root, by ARN,
 * with the account taken from the ARN), a service, a federated or canonical user, or an anonymous
 * caller. {@link #parse} reads the forms the CLI accepts.
 */
public record RequestPrincipal(Kind kind, String identifier, Optional<String> account) {

    /** The kinds of caller. */
    public enum Kind {
        AWS,
        SERVICE,
        FEDERATED,
        CANONICAL_USER,
        ANONYMOUS
    }

    public RequestPrincipal {
        requireNonNull(kind, "kind is null");
        requireNonNull(identifier, "identifier is null");
        requireNonNull(account, "account is null");
    }

    /** An IAM or STS principal by ARN; a bare 12-digit account ID stands for the account's root. */
    public static RequestPrincipal aws(String arnOrAccount) {
        requireNonNull(arnOrAccount, "arnOrAccount is null");
        String arn = PrincipalNames.isAccountId(arnOrAccount) ? PrincipalNames.rootArn(arnOrAccount) : arnOrAccount;
        int[] bounds = Arn.bounds(arn);
        Optional<String> account = bounds == null ? Optional.empty() : Optional.of(Arn.part(arn, bounds, 4)).filter(text -> !text.isEmpty());
        return new RequestPrincipal(Kind.AWS, arn, account);
    }

    public static RequestPrincipal service(String name) {
        return new RequestPrincipal(Kind.SERVICE, name, Optional.empty());
    }

    public static RequestPrincipal federated(String name) {
        return new RequestPrincipal(Kind.FEDERATED, name, Optional.empty());
    }

    public static RequestPrincipal canonicalUser(String id) {
        return new RequestPrincipal(Kind.CANONICAL_USER, id, Optional.empty());
    }

    public static RequestPrincipal anonymous() {
        return new RequestPrincipal(Kind.ANONYMOUS, "*", Optional.empty());
    }

    /**
     * Reads a principal as written on the command line: an ARN or account ID is an AWS principal,
     * {@code *} or {@code anonymous} the anonymous caller, a name ending in {@code .amazonaws.com} a
     * service, and anything else a canonical user ID.
     */
    public static RequestPrincipal parse(String text) {
        requireNonNull(text, "text is null");
        if (text.equals("*") || text.equalsIgnoreCase("anonymous")) {
            return anonymous();
        }
        if (text.startsWith("arn:") || PrincipalNames.isAccountId(text)) {
            return aws(text);
        }
        if (text.toLowerCase(Locale.ROOT).contains(".amazonaws.com")) {
            return service(text);
        }
        return canonicalUser(text);
    }
}
