package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A client connected to a workload's gateway: who (address and port) and on which gateway port, and when. The
 * matching {@link GatewayConnectionClosedEvent} carries the same four-tuple with the bytes each way.
 */
public record GatewayConnectionOpenedEvent(String workloadId, String clientAddress, int clientPort, int gatewayPort, Instant openedAt)
        implements Event {
    public GatewayConnectionOpenedEvent {
        requireNonNull(workloadId, "workloadId is null");
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(openedAt, "openedAt is null");
    }
}
