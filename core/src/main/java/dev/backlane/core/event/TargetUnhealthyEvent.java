package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The connections open to a target its health checks found unhealthy are to be reset now: as it turned unhealthy
 * ({@code target_health_state.unhealthy.connection_termination.enabled}, the default) or as its unhealthy draining
 * interval ended ({@code target_health_state.unhealthy.draining_interval_seconds}). It names the provider's scope
 * ({@code account}, {@code region}), the group and its VPC, the target (ID, port, and its private address there), the
 * load balancers whose listeners forward to the group, and since when the target is unhealthy. PrivateLink connections
 * spliced through those load balancers to the target end with
 * {@link PrivateLinkConnectionClosedEvent.Cause#TARGET_UNHEALTHY}. Published once for each time a target turns
 * unhealthy, and not while its group fails open (no healthy target: the load balancer then sends to all of them).
 */
public record TargetUnhealthyEvent(String account, String region, String targetGroupArn, String vpcId, String targetId, int port, String address,
        List<String> loadBalancerArns, Instant unhealthySince, Instant at) implements Event {
    public TargetUnhealthyEvent {
        requireNonNull(account, "account is null");
        requireNonNull(region, "region is null");
        requireNonNull(targetGroupArn, "targetGroupArn is null");
        requireNonNull(vpcId, "vpcId is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(address, "address is null");
        loadBalancerArns = List.copyOf(loadBalancerArns);
        requireNonNull(unhealthySince, "unhealthySince is null");
        requireNonNull(at, "at is null");
    }
}
