package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.PrivateLinkConnectionClosedEvent.Cause;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.event.TargetDeregisteredEvent;
import dev.backlane.dataplane.gateway.Gateways;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Ends the PrivateLink tunnels to a target whose deregistration completed, when its target group terminates
 * connections ({@code deregistration_delay.connection_termination.enabled}); otherwise they are left to end on their
 * own, as on AWS. A tunnel's flow names the provider's account and region and the target's address and port.
 */
public final class DeregisteredTunnels implements Consumer<TargetDeregisteredEvent> {
    private final Gateways gateways;

    public DeregisteredTunnels(Gateways gateways) {
        this.gateways = requireNonNull(gateways, "gateways is null");
    }

    @Override
    public void accept(TargetDeregisteredEvent deregistered) {
        if (deregistered.terminateConnections()) {
            gateways.endTunnels(flow -> to(deregistered).test(flow) ? Optional.of(Cause.DEREGISTERED) : Optional.empty());
        }
    }

    /** The flows spliced to the deregistered target. */
    static Predicate<PrivateLinkFlow> to(TargetDeregisteredEvent deregistered) {
        return TargetTunnels.to(deregistered.account(), deregistered.region(), deregistered.address(), deregistered.port());
    }
}
