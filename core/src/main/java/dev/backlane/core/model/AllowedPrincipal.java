package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * A principal allowed to connect to an endpoint service: {@code *}, an account
 * ({@code arn:aws:iam::123456789012:root}) or a role or user ARN, with the {@code vpce-svc-perm-} ID AWS
 * gives each permission. {@code account} is the account the principal belongs to, null for {@code *}.
 */
public record AllowedPrincipal(String principal, PrincipalType type, String account, String servicePermissionId) {
    public AllowedPrincipal {
        requireNonNull(principal, "principal is null");
        requireNonNull(type, "type is null");
        requireNonNull(servicePermissionId, "servicePermissionId is null");
    }

    /**
     * Whether callers of {@code callerAccount} are allowed. Backlane identifies callers by account only,
     * so a role or user ARN admits the account it belongs to.
     */
    public boolean admits(String callerAccount) {
        return switch (type) {
            case ALL -> true;
            case ACCOUNT, USER, ROLE -> callerAccount.equals(account);
        };
    }
}
