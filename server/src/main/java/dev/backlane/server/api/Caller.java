package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.Scope;
import java.util.Optional;

/**
 * Who makes a call on the API port: the account and region it acts in, and the principal it is made as — for the
 * temporary credentials STS's {@code AssumeRole} issued, the session's ARN
 * ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}) and the role's own ARN, else the account's root.
 * {@code viaGateway} is a call a workload's gateway forwarded, whose faults the gateway has already asked about.
 */
public record Caller(Scope scope, String principalArn, Optional<String> roleArn, boolean viaGateway) {
    public Caller {
        requireNonNull(scope, "scope is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(roleArn, "roleArn is null");
    }

    /** A call made as the root of the scope's account, straight to the API port. */
    public static Caller root(Scope scope) {
        return new Caller(scope, "arn:aws:iam::" + scope.account() + ":root", Optional.empty(), false);
    }

    /** The caller of a call a workload's gateway forwarded. */
    public Caller forwardedByGateway() {
        return new Caller(scope, principalArn, roleArn, true);
    }
}
