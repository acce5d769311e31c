package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A Route 53 Resolver query logging configuration ({@code rqlc-...}): where the DNS queries of the VPCs
 * associated with it are logged (a CloudWatch Logs log group, an S3 bucket or a Firehose delivery
 * stream ARN). It is {@code CREATING} until {@code readyAt}, then {@code CREATED}; its
 * {@code CreatorRequestId} makes a retried create return it instead of making another.
 */
public record ResolverQueryLogConfig(String id, String name, String destinationArn, String creatorRequestId, Instant creationTime,
        Instant readyAt) implements Resource {

    public ResolverQueryLogConfig {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(destinationArn, "destinationArn is null");
        requireNonNull(creatorRequestId, "creatorRequestId is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(readyAt, "readyAt is null");
    }

    public String arn(Scope scope) {
        return "arn:aws:route53resolver:" + scope.region() + ":" + scope.account() + ":resolver-query-log-config/" + id;
    }

    /** {@code CREATING} or {@code CREATED}, as AWS's {@code ResolverQueryLogConfigStatus} names them. */
    public String status(Instant at) {
        return at.isBefore(readyAt) ? "CREATING" : "CREATED";
    }
}
