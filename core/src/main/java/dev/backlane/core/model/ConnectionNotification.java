package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A connection notification ({@code vpce-nfn-...}): the SNS topic to tell of connection events
 * ({@code Connect}, {@code Accept}, {@code Reject}, {@code Delete}) of one endpoint service or one VPC
 * endpoint; exactly one of {@code serviceId} and {@code vpcEndpointId} is set. Backlane stores and lists
 * notifications; it publishes nothing.
 */
public record ConnectionNotification(
        String id,
        String serviceId,
        String vpcEndpointId,
        String connectionNotificationArn,
        List<String> connectionEvents,
        String serviceRegion) implements Resource {

    public static final String STATE = "Enabled";
    public static final String TYPE = "Topic";

    public ConnectionNotification {
        requireNonNull(id, "id is null");
        if ((serviceId == null) == (vpcEndpointId == null)) {
            throw new IllegalArgumentException("exactly one of serviceId and vpcEndpointId must be set");
        }
        requireNonNull(connectionNotificationArn, "connectionNotificationArn is null");
        connectionEvents = List.copyOf(requireNonNull(connectionEvents, "connectionEvents is null"));
        requireNonNull(serviceRegion, "serviceRegion is null");
    }

    public ConnectionNotification with(String arn, List<String> events) {
        return new ConnectionNotification(id, serviceId, vpcEndpointId, arn, events, serviceRegion);
    }
}
