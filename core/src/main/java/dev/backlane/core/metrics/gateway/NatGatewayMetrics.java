package dev.backlane.core.metrics.gateway;

import java.util.List;

/**
 * The metrics AWS publishes for NAT gateways in {@code AWS/NATGateway}, by AWS's names and units, as the VPC guide's
 * "Monitor NAT gateways with Amazon CloudWatch" lists them, with their one dimension, {@code NatGatewayId}. Backlane
 * publishes those its data plane observes ({@link #PUBLISHED}); {@code ErrorPortAllocation}, {@code IdleTimeoutCount}
 * and {@code PacketsDropCount} are left out: a NAT gateway here allocates no source ports, keeps no idle connection
 * state of its own and drops no packet of a connection it carries, so their values would be made up.
 */
public final class NatGatewayMetrics {
    public static final String NAMESPACE = "AWS/NATGateway";
    public static final String NAT_GATEWAY_ID = "NatGatewayId";

    public static final String ACTIVE_CONNECTION_COUNT = "ActiveConnectionCount";
    public static final String BYTES_IN_FROM_DESTINATION = "BytesInFromDestination";
    public static final String BYTES_IN_FROM_SOURCE = "BytesInFromSource";
    public static final String BYTES_OUT_TO_DESTINATION = "BytesOutToDestination";
    public static final String BYTES_OUT_TO_SOURCE = "BytesOutToSource";
    public static final String CONNECTION_ATTEMPT_COUNT = "ConnectionAttemptCount";
    public static final String CONNECTION_ESTABLISHED_COUNT = "ConnectionEstablishedCount";
    public static final String PACKETS_IN_FROM_DESTINATION = "PacketsInFromDestination";
    public static final String PACKETS_IN_FROM_SOURCE = "PacketsInFromSource";
    public static final String PACKETS_OUT_TO_DESTINATION = "PacketsOutToDestination";
    public static final String PACKETS_OUT_TO_SOURCE = "PacketsOutToSource";

    /** The metrics Backlane publishes for each NAT gateway with traffic in a minute, sorted by name. */
    public static final List<String> PUBLISHED = List.of(ACTIVE_CONNECTION_COUNT, BYTES_IN_FROM_DESTINATION, BYTES_IN_FROM_SOURCE,
            BYTES_OUT_TO_DESTINATION, BYTES_OUT_TO_SOURCE, CONNECTION_ATTEMPT_COUNT, CONNECTION_ESTABLISHED_COUNT, PACKETS_IN_FROM_DESTINATION,
            PACKETS_IN_FROM_SOURCE, PACKETS_OUT_TO_DESTINATION, PACKETS_OUT_TO_SOURCE);

    private NatGatewayMetrics() {}

    /** AWS's unit of the metric: {@code Bytes} for the byte counts, {@code Count} for the rest. */
    public static String unit(String metricName) {
        return metricName.startsWith("Bytes") ? "Bytes" : "Count";
    }
}
