package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.PrivateLinkConnectionClosedEvent.Cause;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.event.TargetUnhealthyEvent;
import dev.backlane.dataplane.gateway.Gateways;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Resets the PrivateLink tunnels to a target whose connections its load balancer terminates for failing health checks
 * ({@link TargetUnhealthyEvent}), as {@link DeregisteredTunnels} does for a deregistered one: the tunnels spliced to
 * the target's address and port through a load balancer that forwards to its group — the same address in another
 * group, behind another load balancer, keeps its own.
 */
public final class UnhealthyTunnels implements Consumer<TargetUnhealthyEvent> {
    private final Gateways gateways;

    public UnhealthyTunnels(Gateways gateways) {
        this.gateways = requireNonNull(gateways, "gateways is null");
    }

    @Override
    public void accept(TargetUnhealthyEvent unhealthy) {
        gateways.endTunnels(flow -> to(unhealthy).test(flow) ? Optional.of(Cause.TARGET_UNHEALTHY) : Optional.empty());
    }

    /** The flows spliced to the unhealthy target through its group's load balancers. */
    static Predicate<PrivateLinkFlow> to(TargetUnhealthyEvent unhealthy) {
        return TargetTunnels.to(unhealthy.account(), unhealthy.region(), unhealthy.address(), unhealthy.port())
                .and(flow -> flow.loadBalancerArn().map(unhealthy.loadBalancerArns()::contains).orElse(false));
    }
}
