package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A VPC associated with a Resolver query logging configuration ({@code rqlca-...}): the VPC's DNS
 * queries are logged to the configuration's destination. {@code CREATING} until {@code readyAt}, then
 * {@code ACTIVE}.
 */
public record ResolverQueryLogConfigAssociation(String id, String queryLogConfigId, String resourceId, Instant creationTime, Instant readyAt)
        implements Resource {

    public ResolverQueryLogConfigAssociation {
        requireNonNull(id, "id is null");
        requireNonNull(queryLogConfigId, "queryLogConfigId is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(readyAt, "readyAt is null");
    }

    /** {@code CREATING} or {@code ACTIVE}, as AWS's {@code ResolverQueryLogConfigAssociationStatus} names them. */
    public String status(Instant at) {
        return at.isBefore(readyAt) ? "CREATING" : "ACTIVE";
    }
}
