package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A client's connection to a workload's gateway ended: the bytes it sent ({@code bytesIn}) and was sent
 * ({@code bytesOut}) on the wire over the connection's life, and how many requests it carried. Flow logs
 * aggregate these per window; the per-request figures are in {@link GatewayRequestEvent}.
 */
public record GatewayConnectionClosedEvent(String workloadId, String clientAddress, int clientPort, int gatewayPort, Instant openedAt,
        Instant closedAt, long bytesIn, long bytesOut, int requests) implements Event {
    public GatewayConnectionClosedEvent {
        requireNonNull(workloadId, "workloadId is null");
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(openedAt, "openedAt is null");
        requireNonNull(closedAt, "closedAt is null");
    }
}
