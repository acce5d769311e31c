package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A target left its target group: DeregisterTargets was called for it and its group's deregistration delay
 * ({@code deregistration_delay.timeout_seconds}) ran out, so it is no longer registered. It names the provider's
 * scope ({@code account}, {@code region}), the group and its VPC, the target (ID, port, and its private address there:
 * an IP target's own, an instance's primary one) and whether the group terminates the connections still open to it
 * ({@code deregistration_delay.connection_termination.enabled}): when true, the load balancer closes them now, and
 * PrivateLink connections spliced to the target end with {@link PrivateLinkConnectionClosedEvent.Cause#DEREGISTERED};
 * when false they are left to end on their own. Published once, by the server that completed the deregistration.
 */
public record TargetDeregisteredEvent(String account, String region, String targetGroupArn, String vpcId, String targetId, int port, String address,
        Instant at, boolean terminateConnections) implements Event {
    public TargetDeregisteredEvent {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        requireNonNull(targetGroupArn, "targetGroupArn is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(address, "address is null");
        requireNonNull(at, "at is null");
    }
}
