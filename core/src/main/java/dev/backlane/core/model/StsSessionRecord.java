package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A role session STS's {@code AssumeRole} began, as the store keeps it: identified by its temporary credentials' access key
 * ID ({@code ASIA…}), with the role, the session's ARN and assumed-role ID, and when the credentials expire. Kept so that
 * the credentials act as the session across a restart (and on every server of a shared store) until they expire, and are
 * refused as expired after that. The secret key and session token are not kept: signatures are not checked.
 */
public record StsSessionRecord(String id, String roleArn, String sessionName, String account, String arn, String assumedRoleId,
        Instant expiration) implements Resource {
    public StsSessionRecord {
        requireNonNull(id, "id is null");
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(account, "account is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(assumedRoleId, "assumedRoleId is null");
        requireNonNull(expiration, "expiration is null");
    }
}
