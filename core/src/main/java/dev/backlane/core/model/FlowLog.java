package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A VPC flow log ({@code fl-...}): which traffic ({@link FlowLogTrafficType}) of one VPC, subnet or
 * network interface is recorded, in which record format, how often records are cut (60 or 600 s), and
 * where they go. {@code logDestination} is always the destination's ARN (a CloudWatch Logs log group, an
 * S3 bucket with an optional prefix, or a Firehose delivery stream); {@code logGroupName} is set for
 * CloudWatch Logs only; {@code destinationOptions} for S3 only. Delivery status is kept on the record so
 * that a destination that cannot be written can mark it without stopping traffic.
 */
public record FlowLog(
        String id,
        String resourceId,
        FlowLogResourceType resourceType,
        FlowLogTrafficType trafficType,
        FlowLogDestinationType logDestinationType,
        String logDestination,
        String logGroupName,
        String deliverLogsPermissionArn,
        String deliverCrossAccountRole,
        String logFormat,
        int maxAggregationInterval,
        FlowLogDestinationOptions destinationOptions,
        Instant creationTime,
        String deliverLogsStatus,
        String deliverLogsErrorMessage) implements Resource {

    /** The one status AWS reports for a flow log that exists. */
    public static final String ACTIVE = "ACTIVE";
    public static final String DELIVERY_SUCCEEDED = "SUCCESS";
    public static final String DELIVERY_FAILED = "FAILED";

    public FlowLog {
        requireNonNull(id, "id is null");
        requireNonNull(resourceId, "resourceId is null");
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(trafficType, "trafficType is null");
        requireNonNull(logDestinationType, "logDestinationType is null");
        requireNonNull(logDestination, "logDestination is null");
        requireNonNull(logFormat, "logFormat is null");
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(deliverLogsStatus, "deliverLogsStatus is null");
    }

    /** The same flow log with its delivery marked failed (with AWS's message, e.g. {@code Access error}) or, with null, succeeded. */
    public FlowLog withDeliveryError(String errorMessage) {
        return new FlowLog(id, resourceId, resourceType, trafficType, logDestinationType, logDestination, logGroupName, deliverLogsPermissionArn,
                deliverCrossAccountRole, logFormat, maxAggregationInterval, destinationOptions, creationTime,
                errorMessage == null ? DELIVERY_SUCCEEDED : DELIVERY_FAILED, errorMessage);
    }
}
